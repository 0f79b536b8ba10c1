import { incidentPlaceProblems, type ForcePresence, type IncidentInput } from '@vigie/domain/rules';

/**
 * The incident form's rules, kept pure. An incident is violence against exiled people or an
 * obstruction of the observers, during one eviction. Victims are taken by pseudonym only, with an
 * age bracket: who they are, when the legal pole needs it, is recorded in the persons module by
 * those allowed to, never on a phone that may be seized.
 */

export type IncidentKind = IncidentInput['kind'];
export type Victim = IncidentInput['victims'][number];
export type AgeBracket = 'minor' | 'adult' | 'unknown';

export interface IncidentProblem {
  field: string;
  problem: 'required' | 'in_future' | 'area_required' | 'place_required';
}

/** The taxonomy an incident's type comes from. */
export const typeKindOf = (kind: IncidentKind) => (kind === 'violence' ? 'incident_type' : 'obstruction_type') as 'incident_type' | 'obstruction_type';

/** The server allows a few minutes of clock skew; the phone is stricter so nothing it sends is refused. */
const SKEW_MS = 60_000;
const TERM_CODE = /^[a-z0-9_]{1,40}$/;

export function newIncident(id: string, evictionId: string | null, kind: IncidentKind, now: Date): IncidentInput {
  return { id, evictionId, kind, incidentType: '', occurredAt: now.toISOString(), unit: null, description: null, victims: [], areaCode: null, siteId: null, place: null };
}

/** Switching between violence and obstruction empties the type: the two lists differ. */
export function withKind(i: IncidentInput, kind: IncidentKind): IncidentInput {
  return kind === i.kind ? i : { ...i, kind, incidentType: '' };
}

export function checkIncident(i: IncidentInput, now: Date): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  if (!TERM_CODE.test(i.incidentType)) problems.push({ field: 'incidentType', problem: 'required' });
  const at = Date.parse(i.occurredAt);
  if (Number.isNaN(at)) problems.push({ field: 'occurredAt', problem: 'required' });
  else if (at > now.getTime() + SKEW_MS) problems.push({ field: 'occurredAt', problem: 'in_future' });
  i.victims.forEach((v, n) => {
    if (!v.pseudonym.trim()) problems.push({ field: `victims.${n}.pseudonym`, problem: 'required' });
  });
  // Outside an eviction: its own area, and a site or the place in words (the server's rule).
  for (const p of incidentPlaceProblems(i)) problems.push({ field: p.field, problem: p.problem === 'area_required' || p.problem === 'place_required' ? p.problem : 'required' });
  return problems;
}

/** "Personne 1", "Personne 2"…: a default pseudonym that names nobody. */
export function nextVictim(id: string, victims: readonly Victim[], prefix: string): Victim {
  const used = new Set(victims.map((v) => v.pseudonym.trim()));
  let n = victims.length + 1;
  while (used.has(`${prefix} ${n}`)) n += 1;
  return { id, pseudonym: `${prefix} ${n}`, minor: null };
}

export const ageBracketOf = (minor: boolean | null): AgeBracket => (minor === null ? 'unknown' : minor ? 'minor' : 'adult');
export const minorOf = (b: AgeBracket): boolean | null => (b === 'unknown' ? null : b === 'minor');

/**
 * The units the observer can pick from: those noted in the eviction's forces ("CRS 36"), or the
 * corps itself when no unit was noted. Distinct, in the forces' order, at most 60 characters.
 */
export function unitChoices(forces: readonly ForcePresence[], corpsLabel: (code: string) => string): string[] {
  const out: string[] = [];
  for (const f of forces) {
    const label = (f.unit?.trim() || corpsLabel(f.corps)).slice(0, 60);
    if (label && !out.includes(label)) out.push(label);
  }
  return out;
}
