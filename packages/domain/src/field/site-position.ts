/**
 * Where a site is: coordinates typed or pasted (a French spreadsheet writes "50,9655"), and the
 * rule that warns — never refuses — when a position lies outside the organisation's areas.
 * Areas hold communes by INSEE code and no geometry, so "inside the area" is read from the
 * sites already placed in it: their bounding box, widened by a margin so a new camp a few
 * kilometres from the others is not flagged. An area with no placed site yet falls back to
 * every placed site of the organisation; with none at all there is nothing to compare with,
 * and no warning. Pure and zod-free: the office editor, the import dry run and the server share it.
 */
export type SitePosition = { latitude: number; longitude: number };
export type PlacedSite = { id: string; areaId: string; latitude: number | null; longitude: number | null; active?: boolean; mergedInto?: string | null };

/** Margin around the placed sites' box, in kilometres (Calais to Marck is about 8 km). */
export const AREA_MARGIN_KM = 10;

export type CoordinateResult = { ok: true; value: number | null } | { ok: false; code: 'invalid_latitude' | 'invalid_longitude' };

/** A latitude or longitude cell: empty is "no position"; a decimal comma is accepted; the range is checked. */
export function parseCoordinate(text: string, kind: 'latitude' | 'longitude'): CoordinateResult {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  const bad = { ok: false, code: kind === 'latitude' ? 'invalid_latitude' : 'invalid_longitude' } as const;
  if (cleaned === '') return { ok: true, value: null };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return bad;
  const value = Number(cleaned);
  const limit = kind === 'latitude' ? 90 : 180;
  if (!Number.isFinite(value) || Math.abs(value) > limit) return bad;
  return { ok: true, value };
}

const hasPosition = (s: PlacedSite): s is PlacedSite & SitePosition => s.latitude !== null && s.longitude !== null;

/**
 * True when `position` lies outside the widened box of the placed, live sites of `areaId`
 * (or of the whole organisation when that area has none); false when inside; null when no
 * site is placed yet (no reference, no warning). `selfId` is left out of the reference.
 */
export function outsideAreas(position: SitePosition, areaId: string, sites: readonly PlacedSite[], selfId?: string): boolean | null {
  const live = sites.filter((s) => s.id !== selfId && hasPosition(s) && s.active !== false && !s.mergedInto) as Array<PlacedSite & SitePosition>;
  const inArea = live.filter((s) => s.areaId === areaId);
  const reference = inArea.length ? inArea : live;
  if (!reference.length) return null;
  const lats = reference.map((s) => s.latitude);
  const lons = reference.map((s) => s.longitude);
  const dLat = AREA_MARGIN_KM / 111.32;
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const dLon = AREA_MARGIN_KM / (111.32 * Math.max(0.01, Math.cos((midLat * Math.PI) / 180)));
  return position.latitude < Math.min(...lats) - dLat || position.latitude > Math.max(...lats) + dLat
    || position.longitude < Math.min(...lons) - dLon || position.longitude > Math.max(...lons) + dLon;
}
