import { useMemo } from 'preact/hooks';
import { fitViewport, project, tilesFor } from './siteMapProjection';
import './SiteMap.css';

export interface MapSite {
  id: string;
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

export interface MapTiles {
  urlTemplate: string;
  attribution: string;
}

interface Props<T extends MapSite> {
  sites: readonly T[];
  /** Accessible name of the map, e.g. "Carte des lieux de vie". */
  label: string;
  /** Tile server from the configuration; without it the points sit on a plain background. */
  tiles?: MapTiles | null;
  /** A figure per site (e.g. evictions in the period): the point's area grows with it. */
  sizeBy?: (site: T) => number;
  /** What a reader hears and sees in the list for each site, e.g. "expulsé 3 fois". */
  describe?: (site: T) => string;
  href?: (site: T) => string;
  /** Shown in the text list for sites with no recorded position. */
  noPositionLabel: string;
  /** Heading of the text list (read by screen readers; visible when no site has a position). */
  listLabel: string;
  testId?: string;
}

const MIN_DIAMETER = 24; // px: the smallest target a finger or a mouse can still hit (WCAG 2.5.8)
const MAX_DIAMETER = 60;
const hasPosition = <T extends MapSite>(s: T): s is T & { latitude: number; longitude: number } => s.latitude !== null && s.longitude !== null;

/**
 * Sites as points on a map: positions projected in Web Mercator and fitted to the sites, tiles
 * underneath when a tile server is configured (the machines it runs on are often offline, so a
 * plain background is the normal case). Each point is a link to its site, reachable with the
 * keyboard; the same information is also given as a plain list for screen readers.
 */
export function SiteMap<T extends MapSite>({ sites, label, tiles, sizeBy, describe, href, noPositionLabel, listLabel, testId }: Props<T>) {
  const placed = useMemo(() => sites.filter(hasPosition), [sites]);
  const viewport = useMemo(() => fitViewport(placed), [placed]);
  const max = useMemo(() => (sizeBy ? Math.max(0, ...placed.map(sizeBy)) : 0), [placed, sizeBy]);
  const tileList = useMemo(() => (viewport && tiles ? tilesFor(viewport, tiles.urlTemplate) : []), [viewport, tiles]);
  const diameter = (s: T) => {
    if (!sizeBy || max <= 0) return MIN_DIAMETER;
    // Area proportional to the figure: a site evicted four times as often looks four times as big.
    return MIN_DIAMETER + (MAX_DIAMETER - MIN_DIAMETER) * Math.sqrt(Math.max(0, sizeBy(s)) / max);
  };
  // Biggest first, so smaller points stay on top and clickable.
  const drawn = sizeBy ? [...placed].sort((a, b) => sizeBy(b) - sizeBy(a)) : placed;
  const text = (s: T) => [`${s.code} — ${s.name}`, describe?.(s)].filter(Boolean).join(', ');

  return (
    <div class="site-map" data-testid={testId}>
      {viewport && (
        <div class={`site-map-canvas${tiles ? ' site-map-tiled' : ''}`} role="group" aria-label={label}>
          {tileList.map((tile) => (
            <img
              key={tile.key}
              class="site-map-tile"
              src={tile.url}
              alt=""
              draggable={false}
              loading="lazy"
              referrerpolicy="no-referrer"
              style={{ left: `${tile.left}%`, top: `${tile.top}%`, width: `${tile.width}%`, height: `${tile.height}%` }}
              data-testid="map-tile"
            />
          ))}
          {drawn.map((s) => {
            const at = project(viewport, s);
            const d = diameter(s);
            return (
              <a
                key={s.id}
                href={href ? href(s) : `/sites/${s.id}`}
                class="site-map-point"
                style={{ left: `${at.left}%`, top: `${at.top}%`, width: `${d}px`, height: `${d}px` }}
                aria-label={text(s)}
                data-testid="map-point"
                data-code={s.code}
              >
                <span class="site-map-code" aria-hidden="true">
                  {s.code}
                </span>
              </a>
            );
          })}
          {tiles && <p class="site-map-attribution">{tiles.attribution}</p>}
        </div>
      )}
      <div class={viewport ? 'visually-hidden' : undefined}>
        <h2 class="site-map-list-title">{listLabel}</h2>
        <ul class="site-map-list" data-testid="map-list">
          {sites.map((s) => (
            <li key={s.id}>
              {text(s)}
              {!hasPosition(s) && ` (${noPositionLabel})`}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
