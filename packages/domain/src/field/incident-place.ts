/** Pure (no zod): shared by the server's save and the phone's form through `@vigie/domain/rules`. */
/**
 * Where an incident happened is either its eviction or its own place, never both nor neither:
 * the problems (field, code) the server reports, in the form of `field.invalid_record`.
 */
export function incidentPlaceProblems(i: { evictionId: string | null; areaCode: string | null; siteId: string | null; place: string | null }): Array<{ field: string; problem: string }> {
  if (i.evictionId !== null) {
    return i.areaCode !== null || i.siteId !== null || i.place !== null ? [{ field: 'place', problem: 'place_with_eviction' }] : [];
  }
  const problems: Array<{ field: string; problem: string }> = [];
  if (i.areaCode === null) problems.push({ field: 'areaCode', problem: 'area_required' });
  if (i.siteId === null && i.place === null) problems.push({ field: 'place', problem: 'place_required' });
  return problems;
}
