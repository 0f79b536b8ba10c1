import type { EvictionInput } from './eviction.js';
import { partsLargerThanWhole } from './parts.js';

export type EvictionProblem = { field: string; problem: 'in_future' | 'left_before_arrival' | 'more_violent_arrests_than_arrests' | 'duplicate_term' | 'part_larger_than_whole' };

/**
 * Rules beyond the shape, checked on the server and on the phone alike. `now` is passed in so
 * the rule stays pure; a few minutes of clock skew between phone and server are tolerated.
 */
export function checkEviction(e: EvictionInput, now: Date, skewMs = 5 * 60_000): EvictionProblem[] {
  const problems: EvictionProblem[] = [];
  const limit = now.getTime() + skewMs;
  if (Date.parse(e.arrivedAt) > limit) problems.push({ field: 'arrivedAt', problem: 'in_future' });
  if (e.leftAt && Date.parse(e.leftAt) > limit) problems.push({ field: 'leftAt', problem: 'in_future' });
  if (e.leftAt && Date.parse(e.leftAt) < Date.parse(e.arrivedAt)) problems.push({ field: 'leftAt', problem: 'left_before_arrival' });
  const { arrests, arrestsWithViolence } = e.counts;
  if (arrests && arrestsWithViolence && !arrests.atLeast && arrestsWithViolence.n > arrests.n) {
    problems.push({ field: 'counts.arrestsWithViolence', problem: 'more_violent_arrests_than_arrests' });
  }
  for (const [field, list] of [['seized', e.seized], ['destroyed', e.destroyed]] as const) {
    const terms = list.flatMap((t) => [t.term, ...(t.parts ?? []).map((p) => p.term)]);
    if (new Set(terms).size !== terms.length) problems.push({ field, problem: 'duplicate_term' });
    list.forEach((t) => {
      if (partsLargerThanWhole(t).length > 0) problems.push({ field, problem: 'part_larger_than_whole' });
    });
  }
  return problems;
}
