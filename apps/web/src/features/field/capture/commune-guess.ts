import type { Commune, LocalSite } from '../../../offline/types';

export interface Position { latitude: number; longitude: number }

/** Squared distance on a local flat projection: enough to rank sites a few kilometres apart. */
function distance2(a: Position, b: Position): number {
  const dy = a.latitude - b.latitude;
  const dx = (a.longitude - b.longitude) * Math.cos((a.latitude * Math.PI) / 180);
  return dx * dx + dy * dy;
}

/** About 5 km: farther than that, the nearest known site says little about where the phone is. */
const NEAR = (5 / 111) ** 2;

/**
 * The commune of a site created on the spot (issue 16): the one of the nearest known site when the
 * phone knows its position and a site of the area is near; otherwise the area's usual commune (the
 * one most of its sites are in); only when the area has no site yet, the first of its communes.
 */
export function guessCommune(areaId: string, communes: readonly Commune[], sites: readonly LocalSite[], here: Position | null): string {
  const inArea = communes.filter((c) => c.areaId === areaId);
  const valid = new Set(inArea.map((c) => c.inseeCode));
  const areaSites = sites.filter((s) => s.record.areaId === areaId && valid.has(s.record.communeInsee));
  if (here) {
    let best: { insee: string; d: number } | null = null;
    for (const s of areaSites) {
      const { latitude, longitude } = s.record;
      if (latitude == null || longitude == null) continue;
      const d = distance2(here, { latitude, longitude });
      if (d <= NEAR && (!best || d < best.d)) best = { insee: s.record.communeInsee, d };
    }
    if (best) return best.insee;
  }
  const tally = new Map<string, number>();
  for (const s of areaSites) tally.set(s.record.communeInsee, (tally.get(s.record.communeInsee) ?? 0) + 1);
  const usual = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return usual?.[0] ?? inArea[0]?.inseeCode ?? '';
}
