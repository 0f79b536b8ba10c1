/**
 * Web Mercator, as slippy-map tiles use it: world pixels at zoom z for a 256-pixel tile.
 * The map is a fixed 1000 × 750 viewport (CSS keeps the 4:3 ratio), so every position is
 * turned into a percentage and the map scales with its container.
 */
export const VIEW_W = 1000;
export const VIEW_H = 750;
const TILE = 256;
const MAX_ZOOM = 17;
/** One point, or points on top of each other: a street-level view around them. */
const SINGLE_POINT_ZOOM = 15;
const PADDING = 0.12;

export interface LatLon { latitude: number; longitude: number }
export interface Viewport { zoom: number; centerX: number; centerY: number }

/** World pixel at zoom 0 (multiply by 2^zoom for any other zoom). */
export function worldPixel({ latitude, longitude }: LatLon): { x: number; y: number } {
  const lat = Math.max(-85.05112878, Math.min(85.05112878, latitude)) * (Math.PI / 180);
  return {
    x: ((longitude + 180) / 360) * TILE,
    y: ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * TILE,
  };
}

/** The zoom and centre that fit every point inside the viewport, with a margin. */
export function fitViewport(points: readonly LatLon[]): Viewport | null {
  if (points.length === 0) return null;
  const px = points.map(worldPixel);
  const xs = px.map((p) => p.x);
  const ys = px.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dx = maxX - minX;
  const dy = maxY - minY;
  const fit = Math.min(dx > 0 ? (VIEW_W * (1 - 2 * PADDING)) / dx : Infinity, dy > 0 ? (VIEW_H * (1 - 2 * PADDING)) / dy : Infinity);
  const zoom = Number.isFinite(fit) ? Math.min(MAX_ZOOM, Math.log2(fit)) : SINGLE_POINT_ZOOM;
  const scale = 2 ** zoom;
  return { zoom, centerX: ((minX + maxX) / 2) * scale, centerY: ((minY + maxY) / 2) * scale };
}

/** Where a point falls, in percent of the viewport's width and height. */
export function project(v: Viewport, p: LatLon): { left: number; top: number } {
  const w = worldPixel(p);
  const scale = 2 ** v.zoom;
  return {
    left: ((w.x * scale - v.centerX + VIEW_W / 2) / VIEW_W) * 100,
    top: ((w.y * scale - v.centerY + VIEW_H / 2) / VIEW_H) * 100,
  };
}

export interface Tile { key: string; url: string; left: number; top: number; width: number; height: number }

/**
 * The tiles covering the viewport. Tiles come at the whole zoom below the fitted one and are
 * drawn a little larger, so any fit works with any tile server.
 */
export function tilesFor(v: Viewport, urlTemplate: string): Tile[] {
  const z = Math.max(0, Math.min(19, Math.floor(v.zoom)));
  const size = TILE * 2 ** (v.zoom - z);
  const count = 2 ** z;
  const originX = v.centerX - VIEW_W / 2;
  const originY = v.centerY - VIEW_H / 2;
  const tiles: Tile[] = [];
  for (let ty = Math.floor(originY / size); ty <= Math.floor((originY + VIEW_H) / size); ty += 1) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = Math.floor(originX / size); tx <= Math.floor((originX + VIEW_W) / size); tx += 1) {
      const wrapped = ((tx % count) + count) % count;
      tiles.push({
        key: `${z}/${tx}/${ty}`,
        url: urlTemplate.replace('{z}', String(z)).replace('{x}', String(wrapped)).replace('{y}', String(ty)),
        left: ((tx * size - originX) / VIEW_W) * 100,
        top: ((ty * size - originY) / VIEW_H) * 100,
        // A hair wider: no hairline seams between tiles when the browser rounds.
        width: (size / VIEW_W) * 100 + 0.05,
        height: (size / VIEW_H) * 100 + 0.05,
      });
    }
  }
  return tiles;
}

/** The position under a point of the viewport given in percent of its width and height (a tap on the map). */
export function unproject(v: Viewport, left: number, top: number): LatLon {
  const scale = 2 ** v.zoom;
  const x = ((left / 100) * VIEW_W - VIEW_W / 2 + v.centerX) / scale;
  const y = ((top / 100) * VIEW_H - VIEW_H / 2 + v.centerY) / scale;
  const longitude = (x / TILE) * 360 - 180;
  const latitude = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / TILE))) * 180) / Math.PI;
  return { latitude, longitude };
}

/** The same viewport zoomed by `delta` levels around `at` (or its own centre). */
export function zoomAround(v: Viewport, delta: number, at?: LatLon | null): Viewport {
  const zoom = Math.max(2, Math.min(MAX_ZOOM + 2, v.zoom + delta));
  const scale = 2 ** zoom;
  if (at) {
    const w = worldPixel(at);
    return { zoom, centerX: w.x * scale, centerY: w.y * scale };
  }
  const k = 2 ** (zoom - v.zoom);
  return { zoom, centerX: v.centerX * k, centerY: v.centerY * k };
}
