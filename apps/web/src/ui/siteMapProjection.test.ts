import { describe, expect, it } from 'vitest';
import { fitViewport, project, tilesFor, unproject, worldPixel, zoomAround } from './siteMapProjection';

const CALAIS = { latitude: 50.95, longitude: 1.85 };
const DUNKERQUE = { latitude: 51.034, longitude: 2.377 };

describe('site map projection', () => {
  it('puts Calais in the slippy-map tile OpenStreetMap uses at zoom 10 (517/343)', () => {
    const p = worldPixel(CALAIS);
    expect([Math.floor((p.x * 2 ** 10) / 256), Math.floor((p.y * 2 ** 10) / 256)]).toEqual([517, 343]);
  });

  it('fits every site inside the map, east to the right and north up', () => {
    const v = fitViewport([CALAIS, DUNKERQUE])!;
    const [c, d] = [project(v, CALAIS), project(v, DUNKERQUE)];
    for (const p of [c, d]) {
      expect(p.left).toBeGreaterThan(0);
      expect(p.left).toBeLessThan(100);
      expect(p.top).toBeGreaterThan(0);
      expect(p.top).toBeLessThan(100);
    }
    expect(d.left).toBeGreaterThan(c.left);
    expect(d.top).toBeLessThan(c.top);
    expect(fitViewport([])).toBeNull();
    expect(fitViewport([CALAIS])!.zoom).toBe(15);
  });

  it('covers the whole map with tiles, and the tile under a site is the one holding it', () => {
    const v = fitViewport([CALAIS, DUNKERQUE])!;
    const tiles = tilesFor(v, 'https://tiles.example.org/{z}/{x}/{y}.png');
    expect(Math.min(...tiles.map((t) => t.left))).toBeLessThanOrEqual(0);
    expect(Math.min(...tiles.map((t) => t.top))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.left + t.width))).toBeGreaterThanOrEqual(100);
    expect(Math.max(...tiles.map((t) => t.top + t.height))).toBeGreaterThanOrEqual(100);
    const z = Math.floor(v.zoom);
    const c = project(v, CALAIS);
    const under = tiles.find((t) => c.left >= t.left && c.left < t.left + t.width && c.top >= t.top && c.top < t.top + t.height)!;
    const p = worldPixel(CALAIS);
    expect(under.url).toBe(`https://tiles.example.org/${z}/${Math.floor((p.x * 2 ** z) / 256)}/${Math.floor((p.y * 2 ** z) / 256)}.png`);
  });

  it('reads a tap back as the position drawn there, at any zoom (placing a site on the map)', () => {
    for (const v of [fitViewport([CALAIS, DUNKERQUE])!, zoomAround(fitViewport([CALAIS, DUNKERQUE])!, 3, CALAIS)]) {
      const at = project(v, DUNKERQUE);
      const back = unproject(v, at.left, at.top);
      expect(back.latitude).toBeCloseTo(DUNKERQUE.latitude, 6);
      expect(back.longitude).toBeCloseTo(DUNKERQUE.longitude, 6);
    }
    const zoomed = zoomAround(fitViewport([CALAIS, DUNKERQUE])!, 2, CALAIS);
    expect(project(zoomed, CALAIS)).toEqual({ left: 50, top: 50 });
  });
});
