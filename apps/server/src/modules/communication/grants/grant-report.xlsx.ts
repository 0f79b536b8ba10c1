import type ExcelJS from 'exceljs';
import { formatDateTime } from '@vigie/domain';
import { loadExcelJS } from '../../../platform/on-first-use.js';
import { WORDS, type GrantReportContent, type ReportLine } from './grant-report.words.js';

/**
 * The grant report as a workbook, written like the annual report's: numbers stay numbers, a
 * minimum shows "au moins 12" through the cell's number format (never "au moins 0"), a period
 * nobody observed is the words "non observé", and an actual that could not be computed is empty
 * with the reason in the note column.
 */
function setActual(cell: ExcelJS.Cell, line: ReportLine, atLeast: string) {
  const a = line.actual;
  if (!a) { cell.value = line.actualWords === '—' ? null : line.actualWords; return; }
  if (a.unobserved) { cell.value = line.actualWords; return; }
  cell.value = a.value;
  if (a.atLeast && a.value !== 0) cell.numFmt = `"${atLeast} "0`;
}

export async function grantReportXlsx(c: GrantReportContent): Promise<Buffer> {
  const w = WORDS[c.locale];
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Vigie';
  wb.created = c.generatedAt;
  const sheet = wb.addWorksheet(w.indicators);
  sheet.addRow([`${w.title} — ${c.title}`]).font = { bold: true, size: 14 };
  sheet.addRow([w.funder, c.funder]);
  sheet.addRow([w.amount, c.amount]);
  sheet.addRow([w.grantPeriod, c.grantPeriod]);
  sheet.addRow([w.period, `${c.periodLabel} (${c.period})`]);
  if (c.dueOn) sheet.addRow([w.dueOn, c.dueOn]);
  if (c.objectives) sheet.addRow([w.objectives, c.objectives]);
  sheet.addRow([`${w.generated} ${formatDateTime(c.generatedAt, c.locale, { year: 'always' })}`]);
  sheet.addRow([]);
  const labels = [w.indicator, w.unit, w.baseline, w.target, w.actual, w.source, w.note];
  const head = sheet.addRow(labels);
  head.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: head.number }];
  for (const l of c.lines) {
    const row = sheet.addRow([l.name, l.unit, l.baseline, l.target]);
    setActual(row.getCell(5), l, w.atLeast);
    row.getCell(6).value = l.source;
    row.getCell(7).value = l.note || null;
  }
  if (c.lines.length === 0) sheet.addRow([w.none]);
  sheet.addRow([]);
  sheet.addRow([w.minimumNote]);
  [40, 14, 14, 14, 16, 44, 60].forEach((width, i) => { sheet.getColumn(i + 1).width = width; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
