import { differenceInCalendarDays } from 'date-fns';
import { figureOf, wordFigure, type Coverage } from '@vigie/domain';
import { parisHour, shortFrenchDay } from '../bundles/typst-pdf.js';
import type { incidentsOf, seizedOf, verifiedEvictions } from './pattern.queries.js';

/**
 * The figures of a pattern-evidence summary and, for each, the annex of records it rests on.
 * Each figure is computed from exactly the rows its annex lists, so a judge can recount it.
 * A total is "au moins" when any record it adds up is a minimum, or when some records do not
 * say (observers kept behind a perimeter could not count).
 */
type Eviction = Awaited<ReturnType<typeof verifiedEvictions>>[number];
type Incident = Awaited<ReturnType<typeof incidentsOf>>[number];
type Seized = Awaited<ReturnType<typeof seizedOf>>[number];

export type Total = { n: number; atLeast: boolean; unknown: number; unobserved?: boolean };
export type Annex = { letter: string; title: string; columns: string[]; rows: string[][] };
export type PatternFigures = {
  days: number;
  /** Days observed and expected by the rota over the period (coverage). */
  coverage: Coverage;
  evictions: number;
  distinctSites: number;
  hoursBetweenEvictions: number | null;
  personsEvicted: Total;
  unaccompaniedMinors: Total;
  shelter: { offered: number; notOffered: number; unknown: number };
  socialAssessment: { done: number; notDone: number; unknown: number };
  seized: Total & { byItem: Array<{ term: string; label: string; n: number; atLeast: boolean }> };
  violence: { incidents: number; arrestsWithViolence: Total };
  obstruction: { incidents: number };
};

/** A sum over records, a minimum by the one rule (packages/domain communication/figures/minimum-rule.ts). */
function total(rows: Eviction[], n: (e: Eviction) => number | null, atLeast: (e: Eviction) => boolean, coverage: Coverage): Total {
  let sum = 0; let min = false; let unknown = 0;
  for (const e of rows) {
    const v = n(e);
    if (v === null) { unknown += 1; continue; }
    sum += v;
    if (atLeast(e)) min = true;
  }
  const f = figureOf(sum, { flagged: min, blank: unknown > 0 }, coverage);
  return { n: sum, atLeast: f.atLeast, unknown, ...(f.unobserved ? { unobserved: true } : {}) };
}

const yesNo = (v: boolean | null) => (v === null ? 'non renseigné' : v ? 'oui' : 'non');

export function computePatternFigures(
  period: { from: string; to: string }, coverage: Coverage, evictions: Eviction[], incidents: Incident[], seized: Seized[], labels: Map<string, string>,
) {
  const days = differenceInCalendarDays(new Date(`${period.to}T12:00:00Z`), new Date(`${period.from}T12:00:00Z`)) + 1;
  const byId = new Map(evictions.map((e) => [e.id, e]));
  const where = (e: Eviction) => [shortFrenchDay(e.date), parisHour(e.arrived_at)!, e.site_code, e.commune_name ?? e.commune_insee];
  const label = (kind: string, code: string) => labels.get(`${kind}:${code}`) ?? code;

  const items = new Map<string, { n: number; atLeast: boolean }>();
  for (const s of seized) {
    const it = items.get(s.term) ?? { n: 0, atLeast: false };
    items.set(s.term, { n: it.n + s.n, atLeast: it.atLeast || s.at_least });
  }
  const seizedByEviction = new Map<string, Seized[]>();
  for (const s of seized) seizedByEviction.set(s.eviction_id, [...(seizedByEviction.get(s.eviction_id) ?? []), s]);
  const violence = incidents.filter((i) => i.kind === 'violence');
  const obstruction = incidents.filter((i) => i.kind === 'obstruction');

  const figures: PatternFigures = {
    days, coverage,
    evictions: evictions.length,
    distinctSites: new Set(evictions.map((e) => e.site_code.toUpperCase())).size,
    hoursBetweenEvictions: evictions.length ? Math.round((days * 24) / evictions.length) : null,
    personsEvicted: total(evictions, (e) => e.persons_evicted, (e) => e.persons_evicted_at_least, coverage),
    unaccompaniedMinors: total(evictions, (e) => e.unaccompanied_minors, (e) => e.unaccompanied_minors_at_least, coverage),
    shelter: {
      offered: evictions.filter((e) => e.shelter_offered === true).length,
      notOffered: evictions.filter((e) => e.shelter_offered === false).length,
      unknown: evictions.filter((e) => e.shelter_offered === null).length,
    },
    socialAssessment: {
      done: evictions.filter((e) => e.social_assessment === true).length,
      notDone: evictions.filter((e) => e.social_assessment === false).length,
      unknown: evictions.filter((e) => e.social_assessment === null).length,
    },
    seized: {
      n: seized.reduce((a, s) => a + s.n, 0), unknown: 0,
      ...(({ atLeast, unobserved }) => ({ atLeast, ...(unobserved ? { unobserved } : {}) }))(
        figureOf(seized.reduce((a, s) => a + s.n, 0), { flagged: seized.some((s) => s.at_least) }, coverage)),
      byItem: [...items].map(([term, v]) => ({ term, label: label('item_type', term), ...v })).sort((a, b) => b.n - a.n),
    },
    violence: {
      incidents: violence.length,
      arrestsWithViolence: total(evictions, (e) => e.arrests_with_violence, (e) => e.arrests_with_violence_at_least, coverage),
    },
    obstruction: { incidents: obstruction.length },
  };

  const head = ['Date', 'Heure', 'Site', 'Commune'];
  const count = (n: number | null, atLeast: boolean) => (n === null ? 'non renseigné' : wordFigure({ value: n, atLeast }, 'fr'));
  const incidentRows = (list: Incident[], kind: string) => list.map((i) => {
    const e = byId.get(i.eviction_id!)!; // incidents of the chosen evictions only (pattern.queries)
    return [shortFrenchDay(e.date), parisHour(i.occurred_at)!, e.site_code, e.commune_name ?? e.commune_insee, label(kind, i.incident_type), i.unit ?? '—'];
  });
  const annexes: Annex[] = [
    { letter: 'A', title: 'Expulsions constatées', columns: head, rows: evictions.map(where) },
    { letter: 'B', title: 'Personnes expulsées', columns: [...head, 'Personnes'], rows: evictions.map((e) => [...where(e), count(e.persons_evicted, e.persons_evicted_at_least)]) },
    { letter: 'C', title: 'Mineurs non accompagnés rencontrés', columns: [...head, 'Mineurs'], rows: evictions.map((e) => [...where(e), count(e.unaccompanied_minors, e.unaccompanied_minors_at_least)]) },
    { letter: 'D', title: 'Mise à l’abri proposée', columns: [...head, 'Proposée'], rows: evictions.map((e) => [...where(e), yesNo(e.shelter_offered)]) },
    { letter: 'E', title: 'Diagnostic social réalisé', columns: [...head, 'Réalisé'], rows: evictions.map((e) => [...where(e), yesNo(e.social_assessment)]) },
    {
      letter: 'F', title: 'Biens saisis', columns: [...head, 'Biens saisis'],
      rows: evictions.filter((e) => seizedByEviction.has(e.id)).map((e) => [...where(e),
        seizedByEviction.get(e.id)!.map((s) => `${label('item_type', s.term)} : ${count(s.n, s.at_least)}`).join(' ; ')]),
    },
    {
      letter: 'G', title: 'Violences', columns: ['Date', 'Heure', 'Site', 'Commune', 'Nature', 'Unité'],
      // Incidents and violent arrests together, in the order they happened.
      rows: [
        ...violence.map((i, k) => ({ at: i.occurred_at.getTime(), row: incidentRows(violence, 'incident_type')[k]! })),
        ...evictions.filter((e) => (e.arrests_with_violence ?? 0) > 0).map((e) => ({ at: e.arrived_at.getTime(), row: [...where(e),
          `interpellations avec violence : ${count(e.arrests_with_violence, e.arrests_with_violence_at_least)}`, '—'] })),
      ].sort((x, y) => x.at - y.at).map((x) => x.row),
    },
    { letter: 'H', title: 'Entraves au travail des observateurs', columns: ['Date', 'Heure', 'Site', 'Commune', 'Nature', 'Unité'], rows: incidentRows(obstruction, 'obstruction_type') },
  ];
  return { figures, annexes };
}
