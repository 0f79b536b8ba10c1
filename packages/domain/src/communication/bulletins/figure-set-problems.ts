import type { CitableMetric, MetricCode } from '../statistics/metrics.js';
import { FIGURE_PARTS } from '../figures/figure-parts.js';
import type { Finding } from './date-wording.js';

/**
 * What a figure set's lines must respect, zod-free so that the web editor applies the very rule
 * the server enforces and says what is wrong beside the line, before Save.
 */
export type FigureSetLineShape = {
  metric: string; part: string | null; forces?: { present: readonly string[]; absent: readonly string[] } | undefined;
  finding?: string | undefined;
};

/**
 * A problem of a figure set whose metrics are all known: a part of the wrong whole, a figure
 * twice, a forces or findings line on another figure, a corps both present and absent, a
 * finding twice. `index` is the line at fault (for a repeat, the second occurrence).
 */
export type FigureSetProblem = { index: number } & (
  | { problem: 'part_of_wrong_whole'; metric: CitableMetric; part: CitableMetric; allowed: readonly MetricCode[] }
  | { problem: 'duplicate_metric'; metric: CitableMetric }
  | { problem: 'forces_not_on_evictions'; metric: CitableMetric }
  | { problem: 'force_present_and_absent'; force: string }
  | { problem: 'duplicate_finding'; finding: Finding });

export function figureSetProblem(entries: readonly FigureSetLineShape[]): FigureSetProblem | null {
  const seen = new Set<string>();
  const findings = new Set<string>();
  // The server checks that every code is known before asking; the editor only offers known codes.
  for (const [index, line] of entries.entries()) {
    const e = line as { metric: CitableMetric; part: CitableMetric | null; forces?: FigureSetLineShape['forces']; finding?: Finding | undefined };
    if (e.forces || e.finding) {
      if (e.metric !== 'evictions' || e.part !== null || (e.forces && e.finding)) return { index, problem: 'forces_not_on_evictions', metric: e.metric };
    }
    if (e.finding) {
      if (findings.has(e.finding)) return { index, problem: 'duplicate_finding', finding: e.finding };
      findings.add(e.finding);
      continue;
    }
    if (e.forces) {
      const both = e.forces.present.find((c) => e.forces!.absent.includes(c));
      if (both) return { index, problem: 'force_present_and_absent', force: both };
      continue;
    }
    if (e.part !== null) {
      // No part of a rounds' figure is defined: a round line stands alone.
      const allowed = FIGURE_PARTS[e.metric as MetricCode] ?? [];
      if (!allowed.includes(e.part as MetricCode)) return { index, problem: 'part_of_wrong_whole', metric: e.metric, part: e.part, allowed };
    }
    if (seen.has(e.metric)) return { index, problem: 'duplicate_metric', metric: e.metric };
    seen.add(e.metric);
  }
  return null;
}
