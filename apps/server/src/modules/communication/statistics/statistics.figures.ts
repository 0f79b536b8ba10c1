import { METRICS, figureOf, type Coverage, type Figure, type MetricCode } from '@vigie/domain';
import type { EvictionAggregate, IncidentAggregate, TallyAggregate } from './statistics.queries.js';

/**
 * Turns the raw aggregates of one group (the whole period, one month, one commune…) into the
 * figures. Whether each is a minimum ("au moins") or unobserved is decided by the ONE rule in
 * packages/domain (communication/figures/minimum-rule.ts); here we only say, per metric, which
 * doubts apply:
 *  - every count built from events (evictions, sites, operations, people, items, incidents)
 *    depends on coverage: observed days ÷ expected days (the rota's, or every calendar day);
 *  - a sum of eviction counts: a count flagged at-least, a blank, an eviction not fully observed;
 *  - items: a tally flagged at-least, an eviction not fully observed, a quick record (not counted);
 *    a total of items counts wholes only (a part recorded under its whole is in the whole's count);
 *  - "yes" answers: an unknown answer or an eviction not fully observed;
 *  - daysObserved is exact: it counts our own records of going out.
 */
export type GroupAggregates = {
  evictions: EvictionAggregate | undefined;
  tallies: TallyAggregate[];
  incidents: IncidentAggregate[];
  /** Days observed, expected by the rota (every calendar day where an area has no rule), and missed. */
  coverage: Coverage;
};

/** Rows of several groups, by group key (Map.groupBy needs Node 21). */
export function groupByKey<T extends { key: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (group) group.push(row);
    else groups.set(row.key, [row]);
  }
  return groups;
}

export function assembleFigures(g: GroupAggregates): Record<MetricCode, Figure> {
  const e = g.evictions;
  const coverage = g.coverage;
  const partlyObserved = e?.not_full ?? false;
  const out = {} as Record<MetricCode, Figure>;
  for (const metric of METRICS) {
    const s = metric.source;
    let figure: Figure;
    switch (s.kind) {
      case 'evictions': figure = figureOf(e?.evictions ?? 0, {}, coverage); break;
      case 'sites': figure = figureOf(e?.sites ?? 0, {}, coverage); break;
      case 'operations': figure = figureOf(e?.operations ?? 0, {}, coverage); break;
      case 'days': figure = figureOf(coverage.observedDays, {}, { observedDays: 1, expectedDays: 1 }); break;
      case 'column': {
        const c = s.column as 'persons_evicted';
        figure = figureOf(e ? Number(e[`${c}_sum`]) : 0, {
          partlyObserved, flagged: Boolean(e?.[`${c}_flag`]), blank: Boolean(e?.[`${c}_unknown`]),
        }, coverage);
        break;
      }
      case 'flag': {
        const c = s.column as 'shelter_offered';
        figure = figureOf(e ? Number(e[`${c}_yes`]) : 0, { partlyObserved, blank: Boolean(e?.[`${c}_unknown`]) }, coverage);
        break;
      }
      case 'tally': {
        // One term: its wholes and its parts alike. All items: wholes only, since a whole's count includes its parts.
        const parts = g.tallies.filter((t) => t.kind === s.tally && (!('term' in s) || s.term === undefined ? !t.is_part : t.term === s.term));
        figure = figureOf(parts.reduce((sum, t) => sum + Number(t.n), 0), {
          partlyObserved, uncounted: Boolean(e?.quick), flagged: parts.some((t) => t.at_least),
        }, coverage);
        break;
      }
      case 'incidents': {
        const parts = g.incidents.filter((i) => i.kind === s.incident);
        figure = figureOf(parts.reduce((sum, i) => sum + Number(i.n), 0), {}, coverage);
        break;
      }
    }
    out[metric.code] = figure;
  }
  return out;
}
