import type { LocaleFormatters } from 'vega';
import { loadSharp, onFirstUse } from '../../../platform/on-first-use.js';
import { vegaLocale } from './chart-locale.js';
import { chartSpecSchema, type ChartSpec } from './chart-spec.js';
import { toVegaLite } from './vega-lite-spec.js';

const loadVega = onFirstUse(async () => ({ vega: await import('vega'), vegaLite: await import('vega-lite') }));

/**
 * Charts drawn on the server, headless: vega-lite compiled to vega, rendered to an SVG string
 * with no canvas and no browser, then rasterised by sharp for those who need a PNG (Office,
 * Canva, messaging apps).
 */
export async function renderChartSvg(input: ChartSpec): Promise<string> {
  const spec = chartSpecSchema.parse(input);
  // vega reads `locale` as d3 definitions ({ number, time }); its typings say formatters.
  const locale = vegaLocale(spec.locale) as unknown as LocaleFormatters;
  const { vega, vegaLite } = await loadVega();
  const view = new vega.View(vega.parse(vegaLite.compile(toVegaLite(spec)).spec), { renderer: 'none', locale });
  try {
    const svg = await view.toSVG();
    return spec.source ? withSourceLine(svg, spec.source) : svg;
  } finally {
    view.finalize();
  }
}

const SOURCE_LINE_HEIGHT = 22;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * The source line under the drawing ("Source : Human Rights Observers"). vega-lite has no
 * footer, so the SVG is made taller and the line written into the new strip: a chart pasted
 * into a post or a slide keeps its source.
 */
function withSourceLine(svg: string, source: string): string {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const width = Number(root && /\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(root && /\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!root || !Number.isFinite(width) || !Number.isFinite(height)) return svg;
  const taller = height + SOURCE_LINE_HEIGHT;
  const newRoot = root
    .replace(/\sheight="[\d.]+"/, ` height="${taller}"`)
    .replace(/\sviewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/, (_m, x: string, y: string, w: string) => ` viewBox="${x} ${y} ${w} ${taller}"`);
  const text = source.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  const line = `<rect x="0" y="${height}" width="${width}" height="${SOURCE_LINE_HEIGHT}" fill="white"/>`
    + `<text x="12" y="${height + 14}" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif" font-size="11" fill="#444">${text}</text>`;
  return svg.replace(root, newRoot).replace(/<\/svg>\s*$/, `${line}</svg>`);
}

function intrinsicWidth(svg: string): number {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  if (!Number.isFinite(width) || width <= 0) throw new TypeError('SVG without a width');
  return width;
}

/**
 * A PNG `width` pixels wide. The SVG is rasterised at the density that gives at least that
 * width (sharp reads SVG at 72 dpi, one pixel per unit), so text stays sharp when enlarged.
 */
export async function renderChartPng(svg: string, width: number): Promise<Buffer> {
  if (!Number.isInteger(width) || width < 50 || width > 8000) throw new RangeError(`PNG width out of range: ${width}`);
  const density = Math.min(72 * Math.max(1, width / intrinsicWidth(svg)) * 1.05, 2400);
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg), { density }).resize({ width }).png().toBuffer();
}
