import { describe, expect, it } from 'vitest';
import { outsideAreas, parseCoordinate } from './site-position.js';

const CALAISIS = 'calaisis';
const sites = [
  { id: 'a', areaId: CALAISIS, latitude: 50.95, longitude: 1.85 },
  { id: 'b', areaId: CALAISIS, latitude: 50.97, longitude: 1.94 },
  { id: 'c', areaId: 'dunkerquois', latitude: 51.03, longitude: 2.37 },
];

describe('site positions', () => {
  it('reads a coordinate with a decimal comma or point, empty as no position, and refuses what is out of range or not a number', () => {
    expect(parseCoordinate(' 50,9655 ', 'latitude')).toEqual({ ok: true, value: 50.9655 });
    expect(parseCoordinate('-1.5', 'longitude')).toEqual({ ok: true, value: -1.5 });
    expect(parseCoordinate('', 'latitude')).toEqual({ ok: true, value: null });
    expect(parseCoordinate('91', 'latitude')).toEqual({ ok: false, code: 'invalid_latitude' });
    expect(parseCoordinate('181', 'longitude')).toEqual({ ok: false, code: 'invalid_longitude' });
    expect(parseCoordinate('50°57', 'latitude')).toEqual({ ok: false, code: 'invalid_latitude' });
    expect(parseCoordinate('1,2,3', 'longitude')).toEqual({ ok: false, code: 'invalid_longitude' });
  });

  it('warns outside the box of the area’s placed sites widened by 10 km, not inside it, and not without any reference', () => {
    expect(outsideAreas({ latitude: 50.96, longitude: 1.9 }, CALAISIS, sites)).toBe(false);
    // About 5 km west of the westernmost site: inside the margin.
    expect(outsideAreas({ latitude: 50.95, longitude: 1.78 }, CALAISIS, sites)).toBe(false);
    // Dunkirk is placed, but in another area: far from the Calaisis sites.
    expect(outsideAreas({ latitude: 51.03, longitude: 2.37 }, CALAISIS, sites)).toBe(true);
    // An area with no placed site is read against the whole organisation's.
    expect(outsideAreas({ latitude: 51.0, longitude: 2.1 }, 'boulonnais', sites)).toBe(false);
    expect(outsideAreas({ latitude: 43.3, longitude: 5.37 }, 'boulonnais', sites)).toBe(true);
    expect(outsideAreas({ latitude: 43.3, longitude: 5.37 }, CALAISIS, [])).toBeNull();
    // Merged or inactive sites, and the site itself, are no reference.
    expect(outsideAreas({ latitude: 43.3, longitude: 5.37 }, CALAISIS, [{ id: 'x', areaId: CALAISIS, latitude: 43.3, longitude: 5.37, mergedInto: 'a' }, { id: 'self', areaId: CALAISIS, latitude: 43.3, longitude: 5.37 }], 'self')).toBeNull();
  });
});
