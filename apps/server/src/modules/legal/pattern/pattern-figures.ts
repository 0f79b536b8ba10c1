import { wordFigure, type Coverage, type Figure, type MetricCode } from '@vigie/domain';
import type { StoredFigureReference } from '../../communication/statistics/figure-references.js';
import type { Figures, Rates } from '../../communication/statistics/statistics.service.js';
import { parisHour, shortFrenchDay } from '../bundles/typst-pdf.js';
import type { evictionsByIds, incidentsOf, seizedOf } from './pattern.queries.js';

/**
 * The figures of a pattern-evidence summary and, for each, the annex of records it rests on.
 * Every figure comes from the one statistics engine (communication/statistics) for the same
 * period and area, and carries its reference (metric, period, area, filters), so the summary
 * says exactly what the dashboard says; whether it is a minimum ("au moins") is the statistics'
 * one rule. The annexes list the very evictions the statistics counted (their ids come from the
 * engine), so a judge can recount each figure. What the statistics do not count — records that
 * do not say, "non" answers — is read off those same records.
 */
type Eviction = Awaited<ReturnType<typeof evictionsByIds>>[number];
type Incident = Awaited<ReturnType<typeof incidentsOf>>[number];
type Seized = Awaited<ReturnType<typeof seizedOf>>[number];

/** A statistics figure as cited: its value, minimum and unobserved flags, and the reference it was computed from. */
export type CitedFigure = Figure & { reference: StoredFigureReference };
/** A sum of an eviction count, with the number of records that do not say (observers kept behind a perimeter could not count). */
export type CountedFigure = CitedFigure & { unknown: number };
export type Annex = { letter: string; title: string; columns: string[]; rows: string[][] };
export type PatternFigures = {
  days: number;
  /** Days observed and expected by the rota over the period (coverage), as the statistics count them. */
  coverage: Coverage;
  evictions: CitedFigure;
  distinctSites: CitedFigure;
  hoursBetweenEvictions: number | null;
  personsEvicted: CountedFigure;
  unaccompaniedMinors: CountedFigure;
  shelter: { offered: CitedFigure; notOffered: number; unknown: number };
  socialAssessment: { done: CitedFigure; notDone: number; unknown: number };
  seized: CitedFigure & { byItem: Array<{ term: string; label: string; value: number; atLeast: boolean }> };
  violence: { incidents: CitedFigure; arrestsWithViolence: CountedFigure };
  obstruction: { incidents: CitedFigure };
};

/** What the statistics engine gave for the summary's period and area. */
export type PatternStatistics = {
  figures: Figures;
  coverage: Coverage & { daysInPeriod: number };
  rates: Rates;
  byItem: Array<{ key: string; label: string; value: number; atLeast: boolean }>;
  reference: (metric: MetricCode) => StoredFigureReference;
};

const yesNo = (v: boolean | null) => (v === null ? 'non renseigné' : v ? 'oui' : 'non');

export function computePatternFigures(stats: PatternStatistics, evictions: Eviction[], incidents: Incident[], seized: Seized[], labels: Map<string, string>) {
  const byId = new Map(evictions.map((e) => [e.id, e]));
  const where = (e: Eviction) => [shortFrenchDay(e.date), parisHour(e.arrived_at)!, e.site_code, e.commune_name ?? e.commune_insee];
  const label = (kind: string, code: string) => labels.get(`${kind}:${code}`) ?? code;
  const cite = (metric: MetricCode): CitedFigure => {
    const { value, atLeast, unobserved } = stats.figures[metric];
    return { value, atLeast, ...(unobserved ? { unobserved } : {}), reference: stats.reference(metric) };
  };
  const unknown = (n: (e: Eviction) => number | null) => evictions.filter((e) => n(e) === null).length;

  const seizedByEviction = new Map<string, Seized[]>();
  for (const s of seized) seizedByEviction.set(s.eviction_id, [...(seizedByEviction.get(s.eviction_id) ?? []), s]);
  const violence = incidents.filter((i) => i.kind === 'violence');
  const obstruction = incidents.filter((i) => i.kind === 'obstruction');

  const figures: PatternFigures = {
    days: stats.coverage.daysInPeriod,
    coverage: { observedDays: stats.coverage.observedDays, expectedDays: stats.coverage.expectedDays, missedDays: stats.coverage.missedDays ?? 0 },
    evictions: cite('evictions'),
    distinctSites: cite('distinctSites'),
    hoursBetweenEvictions: stats.rates.hoursPerEviction,
    personsEvicted: { ...cite('personsEvicted'), unknown: unknown((e) => e.persons_evicted) },
    unaccompaniedMinors: { ...cite('unaccompaniedMinors'), unknown: unknown((e) => e.unaccompanied_minors) },
    shelter: {
      offered: cite('shelterOffered'),
      notOffered: evictions.filter((e) => e.shelter_offered === false).length,
      unknown: evictions.filter((e) => e.shelter_offered === null).length,
    },
    socialAssessment: {
      done: cite('socialAssessment'),
      notDone: evictions.filter((e) => e.social_assessment === false).length,
      unknown: evictions.filter((e) => e.social_assessment === null).length,
    },
    seized: { ...cite('itemsSeized'), byItem: stats.byItem.map((i) => ({ term: i.key, label: i.label, value: i.value, atLeast: i.atLeast })) },
    violence: {
      incidents: cite('incidentsViolence'),
      arrestsWithViolence: { ...cite('arrestsWithViolence'), unknown: unknown((e) => e.arrests_with_violence) },
    },
    obstruction: { incidents: cite('incidentsObstruction') },
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
        ...incidentRows(violence, 'incident_type').map((row, k) => ({ at: violence[k]!.occurred_at.getTime(), row })),
        ...evictions.filter((e) => (e.arrests_with_violence ?? 0) > 0).map((e) => ({ at: e.arrived_at.getTime(), row: [...where(e),
          `interpellations avec violence : ${count(e.arrests_with_violence, e.arrests_with_violence_at_least)}`, '—'] })),
      ].sort((x, y) => x.at - y.at).map((x) => x.row),
    },
    { letter: 'H', title: 'Entraves au travail des observateurs', columns: ['Date', 'Heure', 'Site', 'Commune', 'Nature', 'Unité'], rows: incidentRows(obstruction, 'obstruction_type') },
  ];
  return { figures, annexes };
}
