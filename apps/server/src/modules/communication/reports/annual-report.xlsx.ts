import type ExcelJS from 'exceljs';
import { metricLabel as citableLabel, wordFigure, type Figure, type Locale } from '@vigie/domain';
import { loadExcelJS } from '../../../platform/on-first-use.js';
import type { BreakdownRow } from '../statistics/statistics.breakdown.js';
import { MONTHLY_METRICS, metricLabel, type AnnualReportContent } from './annual-report.content.js';
import { WORDS, periodTitle } from './annual-report.words.js';

/**
 * The workbook an annual report is written from. Numbers stay numbers (sortable, chartable in
 * Office); a minimum is shown "au moins 12" by the cell's number format, not by turning it into text.
 */
function setFigure(cell: ExcelJS.Cell, figure: Figure | undefined, locale: Locale) {
  // A period nobody observed is text ("non observé"), never a 0 someone could add up.
  if (figure?.unobserved) { cell.value = wordFigure(figure, locale); return; }
  cell.value = figure?.value ?? 0;
  // Never "au moins 0" (the one wording rule, packages/domain communication/figures).
  if (figure?.atLeast && figure.value !== 0) cell.numFmt = `"${WORDS[locale].atLeast} "0`;
}

function header(sheet: ExcelJS.Worksheet, labels: string[]) {
  const row = sheet.addRow(labels);
  row.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
  labels.forEach((label, i) => { sheet.getColumn(i + 1).width = Math.max(12, Math.min(48, label.length + 4)); });
}

function breakdownSheet(wb: ExcelJS.Workbook, name: string, firstColumn: string, valueLabel: string, rows: BreakdownRow[], locale: Locale, withDays = false) {
  const sheet = wb.addWorksheet(name);
  header(sheet, [firstColumn, valueLabel, ...(withDays ? [WORDS[locale].days] : [])]);
  for (const r of rows) {
    const row = sheet.addRow([r.label]);
    setFigure(row.getCell(2), r, locale);
    if (withDays) row.getCell(3).value = (r.days ?? []).join(', ');
  }
}

function figuresSheet(wb: ExcelJS.Workbook, name: string, firstColumn: string, rows: Array<{ label: string; figures?: Record<string, Figure> }>, locale: Locale) {
  const sheet = wb.addWorksheet(name);
  header(sheet, [firstColumn, ...MONTHLY_METRICS.map((m) => metricLabel(m, locale))]);
  for (const r of rows) {
    const row = sheet.addRow([r.label]);
    MONTHLY_METRICS.forEach((m, i) => setFigure(row.getCell(i + 2), r.figures?.[m], locale));
  }
}

export async function annualReportXlsx(c: AnnualReportContent, generatedAt: Date): Promise<Buffer> {
  const w = WORDS[c.locale];
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Vigie';
  wb.created = generatedAt;

  const summary = wb.addWorksheet(w.sheets.summary);
  summary.addRow([`${w.title} — ${c.organisationName}`]).font = { bold: true, size: 14 };
  summary.addRow([periodTitle(c.locale, c.request.year, c.request.yearKind), `${c.from} → ${c.to}`]);
  summary.addRow([w.source]);
  summary.addRow([]);
  header(summary, [w.figure, w.value, w.previousYear, w.change]);
  const before = c.summary.comparisons.yearBefore.figures;
  for (const m of MONTHLY_METRICS) {
    const now = c.summary.figures[m];
    const row = summary.addRow([metricLabel(m, c.locale)]);
    setFigure(row.getCell(2), now, c.locale);
    setFigure(row.getCell(3), before[m], c.locale);
    row.getCell(4).value = now.value - before[m].value;
  }
  summary.getColumn(1).width = 48;

  figuresSheet(wb, w.sheets.months, w.month, c.months.map((m) => ({ label: m.month, figures: m.figures })), c.locale);
  figuresSheet(wb, w.sheets.areas, w.area, c.byArea, c.locale);
  figuresSheet(wb, w.sheets.communes, w.commune, c.byCommune, c.locale);
  breakdownSheet(wb, w.sheets.items, w.item, w.count, c.items, c.locale);
  breakdownSheet(wb, w.sheets.structures, w.structure, w.count, c.structures, c.locale);
  breakdownSheet(wb, w.sheets.forces, w.force, w.evictions, c.forces, c.locale);
  breakdownSheet(wb, w.sheets.incidents, w.incident, w.count, c.incidents, c.locale, true);
  figuresSheet(wb, w.sheets.legal, w.legalBasis, c.legalBases, c.locale);

  // The year's outreach rounds: the very figures (cited by reference) the PDF's "Maraudes" table shows.
  const rounds = wb.addWorksheet(w.sheets.rounds);
  header(rounds, [w.figure, w.value]);
  for (const r of c.rounds) setFigure(rounds.addRow([citableLabel(r.metric, c.locale)]).getCell(2), r.figure, c.locale);
  rounds.getColumn(1).width = 48;

  const coverage = wb.addWorksheet(w.sheets.coverage);
  const cov = c.summary.coverage;
  header(coverage, [w.coverage, w.value]);
  coverage.addRow([w.daysInPeriod, cov.daysInPeriod]);
  coverage.addRow([w.expectedDays, cov.expectedDays]);
  coverage.addRow([w.daysObserved, cov.daysObserved]);
  coverage.addRow([w.daysNotObserved, cov.daysNotObserved]);
  coverage.addRow([w.share, cov.share]).getCell(2).numFmt = '0.0%';
  coverage.addRow([w.hoursPerEviction, c.summary.rates.hoursPerEviction ?? '—']);
  coverage.addRow([w.perMonth, c.summary.rates.perMonth]);
  coverage.getColumn(1).width = 40;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
