/** The papers of a vehicle (issue 19) announced when they lapse within this window, without zod so the web bundle can import it. */
export const VEHICLE_PAPERS_WARNING_DAYS = 30;

/** The papers lapsing on or before `today` + the warning window. */
export function papersDue(v: { insuranceUntil: string | null; roadworthyUntil: string | null }, today: string): ('insurance' | 'roadworthy')[] {
  const limit = new Date(Date.parse(`${today}T12:00:00Z`) + VEHICLE_PAPERS_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const due: ('insurance' | 'roadworthy')[] = [];
  if (v.insuranceUntil && v.insuranceUntil <= limit) due.push('insurance');
  if (v.roadworthyUntil && v.roadworthyUntil <= limit) due.push('roadworthy');
  return due;
}
