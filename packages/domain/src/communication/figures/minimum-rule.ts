import type { Figure } from '../statistics/metrics.js';

/**
 * THE rule for "au moins" (issue 10): when a figure is a minimum, and when nobody observed at
 * all. Every figure of Vigie (statistics engine, bulletin, annual report, public page, legal
 * PDFs) is built through `figureOf`, so they all agree, at zero too.
 *
 * A figure is a minimum when ANY of:
 *  - a contributing count was flagged "au moins" by the observer (`flagged`);
 *  - a contributing count was left blank (`blank`);
 *  - a contributing record was only partly observed or reported by others (`partlyObserved`);
 *  - items were not counted (quick record, `uncounted`);
 *  - coverage of the period is below 100 %: fewer days observed than expected (the rota's
 *    expected days; every calendar day when the area has no rota rule).
 *
 * A period with no observed day at all and nothing recorded is "not observed": its zero would
 * claim that nothing happened when nobody was there to see, so it must never read "0".
 */
export type Coverage = {
  /** Days someone observed (an operation, or "rien à signaler"), expected or not. */
  observedDays: number;
  /** Days the rota expected observers out. */
  expectedDays: number;
  /** Expected days nobody observed; defaults to expected − observed (an unexpected day out does not make up for a missed one). */
  missedDays?: number;
};

const missed = (c: Coverage) => c.missedDays ?? Math.max(0, c.expectedDays - c.observedDays);

export type Doubts = {
  flagged?: boolean;
  blank?: boolean;
  partlyObserved?: boolean;
  uncounted?: boolean;
};

/** Share of the expected days that were observed (a day out the rota did not expect is a bonus, never above 100 %). */
export function coverageShare(c: Coverage): number {
  if (c.expectedDays <= 0) return c.observedDays > 0 ? 1 : 0;
  return (c.expectedDays - Math.min(c.expectedDays, missed(c))) / c.expectedDays;
}

/** Every expected day was observed. A period that expected no day is complete only if someone still went out. */
export function isComplete(c: Coverage): boolean {
  return c.expectedDays > 0 ? missed(c) === 0 : c.observedDays > 0;
}

export function isMinimum(doubts: Doubts, coverage: Coverage): boolean {
  return Boolean(doubts.flagged || doubts.blank || doubts.partlyObserved || doubts.uncounted) || !isComplete(coverage);
}

/** Nobody observed a single day of the period and nothing was recorded: "non observé", never 0. */
export function isUnobserved(value: number, coverage: Coverage): boolean {
  return value === 0 && coverage.observedDays === 0;
}

/** A figure of `value` with the rule applied. */
export function figureOf(value: number, doubts: Doubts, coverage: Coverage): Figure {
  const figure: Figure = { value, atLeast: isMinimum(doubts, coverage) };
  if (isUnobserved(value, coverage)) figure.unobserved = true;
  return figure;
}

/** A sum of figures: a minimum when any part is; unobserved only when every part is. */
export function sumFigures(parts: readonly Figure[]): Figure {
  const value = parts.reduce((s, p) => s + p.value, 0);
  const figure: Figure = { value, atLeast: parts.some((p) => p.atLeast) };
  if (parts.length > 0 && parts.every((p) => p.unobserved)) figure.unobserved = true;
  return figure;
}
