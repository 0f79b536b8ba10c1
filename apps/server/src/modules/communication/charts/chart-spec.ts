import { fileNamePart } from '@vigie/domain/rules';
import { z } from 'zod';

/**
 * What a chart says, independent of how it is drawn: the statistics and report modules build
 * one of these, and the renderers turn it into SVG, PNG or CSV. `x` is a category label or an
 * ISO calendar date ("2025", "2025-02", "2025-02-13"): dates are worded in the chart's language.
 */
export const chartSpecSchema = z.strictObject({
  kind: z.enum(['line', 'bar', 'barHorizontal']),
  title: z.string().trim().min(1).max(200),
  /** What the figures cover, under the title: "Calaisis — juin 2025". */
  subtitle: z.string().max(200).optional(),
  /** The source line printed under the chart ("Source : Human Rights Observers"). */
  source: z.string().max(200).optional(),
  xLabel: z.string().max(120),
  yLabel: z.string().max(120),
  locale: z.enum(['fr', 'en']),
  data: z.array(z.strictObject({
    x: z.string().max(200),
    y: z.number().finite(),
    series: z.string().max(120).optional(),
  })).max(5000),
  /** Drawing size in CSS pixels; a PNG is scaled from it. */
  width: z.number().int().min(200).max(2000).optional(),
  height: z.number().int().min(150).max(2000).optional(),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;
export type ChartPoint = ChartSpec['data'][number];

/** The file name of a chart download, in the chart's language: "expulsions-par-commune-calaisis-juin-2025.png". */
export function chartFileName(spec: ChartSpec, extension: string): string {
  return `${fileNamePart([spec.title, spec.subtitle].filter(Boolean).join(' '))}.${extension}`;
}
