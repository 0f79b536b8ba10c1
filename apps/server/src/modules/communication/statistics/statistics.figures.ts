import { METRICS, type Figure, type MetricCode } from '@vigie/domain';
import type { EvictionAggregate, IncidentAggregate, TallyAggregate } from './statistics.queries.js';

/**
 * Turns the raw aggregates of one group (the whole period, one month, one commune…) into the
 * figures, deciding for each whether it is a minimum ("au moins"). The rule, in order:
 *
 *  1. Coverage: when observers were out on fewer days than the period has (`daysObserved <
 *     daysInPeriod`), evictions may have happened unseen, so EVERY count built from events —
 *     evictions, sites, operations, people, items, incidents — is a minimum.
 *  2. A sum of eviction counts (people, arrests…) is also a minimum when any contributing count
 *     carries its at-least flag, when any counted eviction left the count unknown (blank), or
 *     when any eviction was not fully observed (coverage partial or reported by others).
 *  3. Items (tallies) likewise: any tally flagged at-least, any eviction not fully observed, or
 *     any quick record (items not counted) makes the total a minimum.
 *  4. "Yes" answers (shelter offered, social assessment) are a minimum when any eviction left the
 *     answer unknown or was not fully observed.
 *  5. daysObserved is exact: it counts our own records of going out.
 */
export type GroupAggregates = {
  evictions: EvictionAggregate | undefined;
  tallies: TallyAggregate[];
  incidents: IncidentAggregate[];
  daysObserved: number;
  daysInPeriod: number;
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
  const partialCoverage = g.daysObserved < g.daysInPeriod;
  const notFull = e?.not_full ?? false;
  const out = {} as Record<MetricCode, Figure>;
  for (const metric of METRICS) {
    const s = metric.source;
    let figure: Figure;
    switch (s.kind) {
      case 'evictions': figure = { value: e?.evictions ?? 0, atLeast: partialCoverage }; break;
      case 'sites': figure = { value: e?.sites ?? 0, atLeast: partialCoverage }; break;
      case 'operations': figure = { value: e?.operations ?? 0, atLeast: partialCoverage }; break;
      case 'days': figure = { value: g.daysObserved, atLeast: false }; break;
      case 'column': {
        const c = s.column as 'persons_evicted';
        figure = {
          value: e ? Number(e[`${c}_sum`]) : 0,
          atLeast: partialCoverage || notFull || Boolean(e?.[`${c}_flag`]) || Boolean(e?.[`${c}_unknown`]),
        };
        break;
      }
      case 'flag': {
        const c = s.column as 'shelter_offered';
        figure = { value: e ? Number(e[`${c}_yes`]) : 0, atLeast: partialCoverage || notFull || Boolean(e?.[`${c}_unknown`]) };
        break;
      }
      case 'tally': {
        const parts = g.tallies.filter((t) => t.kind === s.tally && (!('term' in s) || s.term === undefined || t.term === s.term));
        figure = {
          value: parts.reduce((sum, t) => sum + Number(t.n), 0),
          atLeast: partialCoverage || notFull || Boolean(e?.quick) || parts.some((t) => t.at_least),
        };
        break;
      }
      case 'incidents': {
        const parts = g.incidents.filter((i) => i.kind === s.incident);
        figure = { value: parts.reduce((sum, i) => sum + Number(i.n), 0), atLeast: partialCoverage };
        break;
      }
    }
    out[metric.code] = figure;
  }
  return out;
}
