import { useMemo, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import type { MapSite, MapTiles } from '../../../ui/SiteMap';
import { fitViewport, project, tilesFor, unproject, zoomAround, type LatLon, type Viewport } from '../../../ui/siteMapProjection';
import '../../../ui/SiteMap.css';

/** With no site placed anywhere yet, the map opens on France (the observatories' country). */
const FALLBACK: LatLon = { latitude: 46.6, longitude: 2.4 };
const FALLBACK_ZOOM = 5;

/**
 * Where is this site? A tap or a click on the map puts it there. The other placed sites are
 * drawn (greyed) so the coordinator sees where it stands among them; zoom buttons sharpen the
 * tap. Keyboard users type the latitude and longitude beside it (the editor's fields).
 */
export function PlaceOnMap({ position, others, tiles, label, onPlace }: {
  position: LatLon | null;
  others: readonly MapSite[];
  tiles: MapTiles | null;
  label: string;
  onPlace: (p: LatLon) => void;
}) {
  const t = useT();
  const [zoom, setZoom] = useState(0);
  const placed = useMemo(() => others.filter((s): s is MapSite & LatLon => s.latitude !== null && s.longitude !== null), [others]);
  // Fitted once to the other sites and the first position, not refitted on every tap (the map would jump).
  const [first] = useState(position);
  const base = useMemo<Viewport>(() => {
    const fitted = fitViewport(first ? [...placed, first] : placed);
    if (fitted) return fitted;
    return zoomAround({ zoom: 0, centerX: 0, centerY: 0 }, FALLBACK_ZOOM, FALLBACK);
  }, [placed, first]);
  const viewport = zoom === 0 ? base : zoomAround(base, zoom, position);
  const tileList = tiles ? tilesFor(viewport, tiles.urlTemplate) : [];
  function place(e: MouseEvent) {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    onPlace(unproject(viewport, ((e.clientX - box.left) / box.width) * 100, ((e.clientY - box.top) / box.height) * 100));
  }
  const pin = position && project(viewport, position);
  return (
    <div class="site-map place-on-map" data-testid="place-map">
      {/* A pointer target only: the same position is typed in the fields beside it. */}
      <div class={`site-map-canvas place-map-canvas${tiles ? ' site-map-tiled' : ''}`} role="group" aria-label={label} onClick={place} data-testid="place-map-canvas">
        {tileList.map((tile) => (
          <img key={tile.key} class="site-map-tile" src={tile.url} alt="" draggable={false} loading="lazy" referrerpolicy="no-referrer"
            style={{ left: `${tile.left}%`, top: `${tile.top}%`, width: `${tile.width}%`, height: `${tile.height}%` }} />
        ))}
        {placed.map((s) => {
          const at = project(viewport, s);
          return (
            <span key={s.id} class="site-map-point place-map-other" style={{ left: `${at.left}%`, top: `${at.top}%` }} aria-hidden="true">
              <span class="site-map-code">{s.code}</span>
            </span>
          );
        })}
        {pin && <span class="place-map-pin" style={{ left: `${pin.left}%`, top: `${pin.top}%` }} aria-hidden="true" data-testid="place-map-pin" />}
        {tiles && <p class="site-map-attribution">{tiles.attribution}</p>}
      </div>
      <div class="actions">
        <Button variant="secondary" onClick={() => setZoom(zoom + 1)} testId="place-map-zoom-in">{t('siteEditor.zoomIn')}</Button>
        <Button variant="secondary" onClick={() => setZoom(zoom - 1)} testId="place-map-zoom-out">{t('siteEditor.zoomOut')}</Button>
      </div>
    </div>
  );
}
