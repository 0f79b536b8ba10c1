import { parse as parseCsv } from 'csv-parse/sync';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chartDataCsv, renderChartPng, renderChartSvg, type ChartSpec } from '../src/modules/communication/charts/index.js';

/** Charts are pure rendering (no database): the same on both backends. */
const monthly: ChartSpec = {
  kind: 'bar', title: 'Expulsions par mois — Calaisis', xLabel: 'Mois', yLabel: 'Expulsions (au moins)', locale: 'fr',
  data: [{ x: '2025-01', y: 1234 }, { x: '2025-02', y: 87.5 }, { x: '2025-03', y: 0 }],
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The text of every <text> element, entities decoded: what a reader of the chart sees. */
const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&#39;|&apos;/g, '\'').replace(/&quot;/g, '"'));

describe('charts', () => {
  it('draws a bar chart with its title, axis titles and each value written the French way', async () => {
    const svg = await renderChartSvg(monthly);
    expect(svg.startsWith('<svg')).toBe(true);
    const words = texts(svg);
    expect(words).toContain('Expulsions par mois — Calaisis');
    expect(words).toContain('Expulsions (au moins)');
    // Values on the bars: grouped with a no-break space, decimal comma.
    expect(words).toEqual(expect.arrayContaining(['1\u00a0234', '87,5', '0']));
    // Months in French.
    expect(words).toEqual(expect.arrayContaining(['janv. 2025', 'févr. 2025', 'mars 2025']));
    // Self-contained: nothing fetched when opened in Canva or offline.
    expect(svg).not.toMatch(/href="(?!#)|url\((?!#)|@import/);
  });

  it('speaks English when asked, and draws lines and horizontal bars with series', async () => {
    const line = await renderChartSvg({
      kind: 'line', title: 'Evictions per day', xLabel: 'Day', yLabel: 'Evictions', locale: 'en',
      data: [{ x: '2025-02-13', y: 2, series: 'Calais' }, { x: '2025-02-14', y: 1500.25, series: 'Calais' }, { x: '2025-02-13', y: 3, series: 'Grande-Synthe' }],
    });
    const words = texts(line);
    expect(words).toEqual(expect.arrayContaining(['Evictions per day', '13 Feb 2025', '1,500.25', 'Calais', 'Grande-Synthe']));
    expect(line).toContain('role-legend');
    const bars = await renderChartSvg({
      kind: 'barHorizontal', title: 'Objets saisis', xLabel: 'Type', yLabel: 'Nombre', locale: 'fr',
      data: [{ x: 'Tentes', y: 412 }, { x: 'Bâches & sacs', y: 120 }],
    });
    expect(texts(bars)).toEqual(expect.arrayContaining(['Objets saisis', 'Tentes', 'Bâches & sacs', '412', '120']));
  });

  it('says "Aucune donnée" for a period with nothing to show instead of failing', async () => {
    const svg = await renderChartSvg({ ...monthly, data: [] });
    expect(texts(svg)).toEqual(expect.arrayContaining(['Expulsions par mois — Calaisis', 'Aucune donnée']));
    const en = await renderChartSvg({ ...monthly, locale: 'en', data: [] });
    expect(texts(en)).toContain('No data');
    const png = await renderChartPng(svg, 400);
    expect((await sharp(png).metadata()).width).toBe(400);
  });

  it('rasterises to a PNG of the width asked for', async () => {
    const svg = await renderChartSvg(monthly);
    for (const width of [320, 1600]) {
      const png = await renderChartPng(svg, width);
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      const meta = await sharp(png).metadata();
      expect(meta).toMatchObject({ format: 'png', width });
      // Not a blank image: the bars are drawn.
      const { channels } = await sharp(png).stats();
      expect(channels[0]!.min).toBeLessThan(100);
    }
    await expect(renderChartPng(svg, 0)).rejects.toThrow(RangeError);
  });

  it('gives the data as CSV that reads back to the same points, French as Excel in French wants it', () => {
    const spec: ChartSpec = {
      ...monthly, data: [{ x: '2025-01', y: 1234, series: 'Calais' }, { x: '2025-01', y: 2.5, series: 'Marck; "Fort"' }, { x: '=1+1', y: -3, series: 'Calais' }],
    };
    const csv = chartDataCsv(spec);
    expect(csv.startsWith('\ufeffMois;Expulsions (au moins);Série\r\n')).toBe(true);
    const rows = parseCsv(csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => ({ x: r.Mois, y: Number(r['Expulsions (au moins)']!.replace(',', '.')), series: r['Série'] }))).toEqual([
      { x: '2025-01', y: 1234, series: 'Calais' }, { x: '2025-01', y: 2.5, series: 'Marck; "Fort"' },
      // A label that a spreadsheet would run as a formula is neutralised.
      { x: '\'=1+1', y: -3, series: 'Calais' },
    ]);
    const en = chartDataCsv({ ...monthly, locale: 'en' });
    expect(parseCsv(en, { columns: true })).toEqual([
      { Mois: '2025-01', 'Expulsions (au moins)': '1234' }, { Mois: '2025-02', 'Expulsions (au moins)': '87.5' }, { Mois: '2025-03', 'Expulsions (au moins)': '0' },
    ]);
    expect(chartDataCsv({ ...monthly, data: [] })).toBe('\ufeffMois;Expulsions (au moins)\r\n');
  });

  it('refuses a malformed spec rather than drawing nonsense', async () => {
    await expect(renderChartSvg({ ...monthly, data: [{ x: 'a', y: Number.NaN }] })).rejects.toThrow();
  });
});
