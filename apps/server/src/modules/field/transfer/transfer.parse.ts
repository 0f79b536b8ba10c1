import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../../platform/errors/catalogue.js';
import { loadExcelJS } from '../../../platform/on-first-use.js';
import { archiveRefused, inspectZip, ZipRefusal, type ZipLimits } from '../../../platform/zip/safe-zip.js';

/**
 * Turns an uploaded spreadsheet into a header row and text cells. CSV: the encoding (UTF-8
 * with or without BOM, UTF-16, else Windows-1252 as old French Excel writes) and the
 * delimiter (';' for Excel FR, ',' or tab) are detected; XLSX: the first worksheet is read,
 * dates as 'YYYY-MM-DD' and times as 'HH:MM'.
 */
/** `lines[i]` is the spreadsheet line of `rows[i]`, for problems a person can find in Excel. */
export type ParsedTable = { fileType: 'csv' | 'xlsx'; headers: string[]; rows: string[][]; lines: number[]; encoding?: string; delimiter?: string };
type SourceRow = { cells: string[]; line: number };

export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 200;

export async function parseSpreadsheet(bytes: Buffer): Promise<ParsedTable> {
  if (bytes.length === 0) throw new AppError('import.empty');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return parseXlsx(bytes);
  // An old binary .xls (OLE2) or anything else that is not text.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new AppError('import.unsupported_type');
  return parseCsv(bytes);
}

function decode(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The candidate that splits the header line into the most fields, quoted parts ignored. */
function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [';', ',', '\t', '|']) {
    const n = firstLine.split(d).length - 1;
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

function parseCsv(bytes: Buffer): ParsedTable {
  const { text, encoding } = decode(bytes);
  if (text.includes('\u0000')) throw new AppError('import.unsupported_type');
  const delimiter = detectDelimiter(text);
  let records: SourceRow[];
  try {
    const parsed = parse(text, {
      delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, to: MAX_ROWS + 2, info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    records = parsed.map((p) => ({ cells: p.record, line: p.info.lines }));
  } catch (err) {
    throw new AppError('import.unreadable', { reason: (err as Error).message.slice(0, 200) });
  }
  return { fileType: 'csv', encoding, delimiter, ...table(records) };
}

function pad(n: number) { return String(n).padStart(2, '0'); }

/** One XLSX cell as the text a person would type. Excel keeps times as dates on 30/12/1899. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    if (value.getUTCFullYear() < 1901) return time;
    return time === '00:00' ? date : `${date} ${time}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/** A workbook of MAX_ROWS × MAX_COLUMNS short cells fits well within these. */
export const XLSX_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxEntryBytes: 200 * 2 ** 20, maxTotalBytes: 300 * 2 ** 20, maxRatio: 200 };

async function parseXlsx(bytes: Buffer): Promise<ParsedTable> {
  // The archive is read once by the safe reader (every rule, every cap, streamed) before
  // ExcelJS inflates it: a bomb or an ambiguous archive never reaches it.
  try {
    await inspectZip(bytes, XLSX_ZIP_LIMITS);
  } catch (err) {
    if (err instanceof ZipRefusal) throw archiveRefused(err);
    throw err;
  }
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('import.unreadable', { reason: (err as Error).message.slice(0, 200) });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('import.empty');
  const records: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (records.length > MAX_ROWS + 1) return;
    const cells: string[] = [];
    const count = Math.min(row.cellCount, MAX_COLUMNS + 1);
    for (let i = 1; i <= count; i += 1) cells.push(cellText(row.getCell(i).value));
    if (cells.some((c) => c !== '')) records.push({ cells, line: row.number });
  });
  return { fileType: 'xlsx', ...table(records) };
}

/** First non-empty row is the header; duplicate or empty headers get a distinguishing name. */
function table(records: SourceRow[]): { headers: string[]; rows: string[][]; lines: number[] } {
  const [first, ...rest] = records;
  if (!first || rest.length === 0) throw new AppError('import.empty');
  if (rest.length > MAX_ROWS) throw new AppError('import.too_many_rows', { maxRows: MAX_ROWS });
  if (first.cells.length > MAX_COLUMNS) throw new AppError('import.unreadable', { reason: `more than ${MAX_COLUMNS} columns` });
  const seen = new Map<string, number>();
  const headers = first.cells.map((h, i) => {
    const base = h.trim() || `Colonne ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
  // The export's guard against formulas ("'=…") is undone on the way back in.
  const rows = rest.map((r) => headers.map((_, i) => (r.cells[i] ?? '').trim().replace(/^'(?=[=+\-@])/, '')));
  return { headers, rows, lines: rest.map((r) => r.line) };
}
