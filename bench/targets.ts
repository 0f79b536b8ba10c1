/**
 * Every target of the benchmark (issues 6, 13, 14, 16 and 20), read from the results file: the measured
 * figure, the ratio to the target (measured ÷ target) and the machine's load average when that
 * part ran. A target whose part has not run yet shows "not measured". Results are merged across
 * runs (`npm run bench -- part`), so each row says when its own figure was taken.
 */
type Results = Record<string, any>;
export type PartMeta = { at: string; loadAverage: number[]; quick: boolean };

type Target = {
  part: string;
  what: string;
  unit: string;
  /** 'max': the figure must stay at or below the target; 'min': at or above it. */
  kind: 'max' | 'min';
  target: number;
  figure(r: Results): number | undefined;
  /** What the figure was measured on, when it matters (rows of the dataset…). */
  note?(r: Results): string | undefined;
};

const ingestPoint = (backend: string, photo: boolean, concurrency = 8) => (r: Results) =>
  (r.ingest as any[] | undefined)?.find((p) => p.backend === backend && p.photo === photo && p.concurrency === concurrency)?.perSecond;
const startup = (backend: string, key: string) => (r: Results) => (r.startup as any[] | undefined)?.find((s) => s.backend === backend)?.[key];
const rows = (key: string) => (r: Results) => {
  const n = Number(r[key]?.rows ?? r.dataset?.evictions);
  return Number.isFinite(n) ? `${n.toLocaleString('en')} rows` : undefined;
};

const FILTERED = /[?&](areaCode|communeInsee|siteId|forceCorps|itemType)=/;

/**
 * The slowest p95 among the dashboard URLs of one period (bench/dashboard.ts keeps each URL's
 * figures), without a place or force filter or with one.
 */
const periodUrls = (r: Results, period: string, filtered: boolean) => {
  const perUrl = (r.dashboard?.perUrl ?? {}) as Record<string, { p95: number; max?: number; calls?: number }>;
  return Object.entries(perUrl)
    .filter(([url]) => (url.includes(`?${period}&`) || url.endsWith(`?${period}`)) && FILTERED.test(url) === filtered).map(([, v]) => v);
};
const worstP95 = (r: Results, period: string, filtered: boolean) => {
  const p95s = periodUrls(r, period, filtered).map((v) => v.p95);
  return p95s.length ? Math.max(...p95s) : undefined;
};
/** How many calls each URL's p95 is of (fewer than 20: it is that URL's slowest call) and the slowest call of all. */
const callsNote = (r: Results, period: string, filtered: boolean) => {
  const urls = periodUrls(r, period, filtered);
  const calls = Math.min(...urls.map((v) => v.calls ?? 5));
  const max = Math.max(...urls.map((v) => v.max ?? v.p95));
  return urls.length ? `${rows('dataset')(r)}; p95 of ${calls} calls a URL, slowest call ${max} ms` : rows('dataset')(r);
};

export const TARGETS: Target[] = [
  { part: 'startup', what: 'start-up to a served request, embedded PGlite (compiled)', unit: 'ms', kind: 'max', target: 3000, figure: startup('pglite', 'readyMs') },
  { part: 'startup', what: 'start-up to a served request, PostgreSQL (compiled)', unit: 'ms', kind: 'max', target: 3000, figure: startup('postgres', 'readyMs') },
  { part: 'startup', what: 'idle resident memory, embedded PGlite', unit: 'MiB', kind: 'max', target: 150, figure: startup('pglite', 'idleRssMiB') },
  { part: 'startup', what: 'idle resident memory, PostgreSQL', unit: 'MiB', kind: 'max', target: 150, figure: startup('postgres', 'idleRssMiB') },
  { part: 'ingest', what: 'text-only ingest, PostgreSQL, c=8', unit: '/s', kind: 'min', target: 1000, figure: ingestPoint('postgres', false) },
  { part: 'ingest', what: 'ingest with a 256 KiB photo, PostgreSQL, c=8', unit: '/s', kind: 'min', target: 150, figure: ingestPoint('postgres', true) },
  { part: 'ingest', what: 'text-only ingest, PGlite, c=8', unit: '/s', kind: 'min', target: 250, figure: ingestPoint('pglite', false) },
  ...(['summary', 'breakdown', 'series'] as const).map((endpoint): Target => ({
    part: 'dashboard', what: `dashboard ${endpoint} p95 (every filter)`, unit: 'ms', kind: 'max', target: 100,
    figure: (r) => r.dashboard?.[endpoint]?.p95, note: rows('dataset'),
  })),
  // What the issue asks (a month and a year), without and with a filter; the "every filter" rows above also hold ten-year periods.
  // A year also as the dashboard's presets ask it: the last 12 months, and this year to date.
  ...([
    ['a month (October 2026)', 'from=2026-10-01&to=2026-10-31'], ['a year (2025)', 'from=2025-01-01&to=2025-12-31'],
    ['the last 12 months (November 2025 – October 2026)', 'from=2025-11-01&to=2026-10-31'], ['this year to date (2026 to 21 November)', 'from=2026-01-01&to=2026-11-21'],
  ] as const)
    .flatMap(([label, period]) => [false, true].map((filtered): Target => ({
      part: 'dashboard', what: `dashboard, ${label}${filtered ? ', one place or police force' : ''}: slowest p95 of summary, breakdowns and series`,
      unit: 'ms', kind: 'max', target: 100, figure: (r) => worstP95(r, period, filtered), note: (r) => callsNote(r, period, filtered),
    }))),
  { part: 'bulletin', what: 'bulletin PDF', unit: 'ms', kind: 'max', target: 1000, figure: (r) => r.bulletin?.pdf?.ms, note: rows('dataset') },
  { part: 'export', what: 'full CSV export', unit: 's', kind: 'max', target: 15, figure: (r) => r.export?.seconds, note: rows('export') },
  { part: 'export', what: 'server memory growth during the export', unit: 'MiB', kind: 'max', target: 100, figure: (r) => r.export?.serverRssGrowthMiB, note: rows('export') },
  { part: 'research', what: 'research release, commune × week, whole dataset', unit: 's', kind: 'max', target: 60, figure: (r) => r.researchRelease?.seconds, note: rows('dataset') },
  { part: 'contacts', what: 'contact search p95 (PostgreSQL, over HTTP)', unit: 'ms', kind: 'max', target: 50, figure: (r) => r.contacts?.searchP95,
    note: (r) => (r.contacts ? `${Number(r.contacts.contacts).toLocaleString('en')} contacts` : undefined) },
  { part: 'contacts', what: 'a mailing queued (PostgreSQL, over HTTP)', unit: 'ms', kind: 'max', target: 2000, figure: (r) => r.contacts?.mailingQueueMs,
    note: (r) => (r.contacts ? `${Number(r.contacts.recipients).toLocaleString('en')} recipients` : undefined) },
  { part: 'contacts', what: 'that mailing delivered to a real SMTP server', unit: 's', kind: 'max', target: 120,
    figure: (r) => (r.contacts?.mailingDeliveredMs === undefined ? undefined : Math.round(Number(r.contacts.mailingDeliveredMs) / 100) / 10),
    note: (r) => (r.contacts?.mailRatePerSecond ? `${r.contacts.mailRatePerSecond} a second` : undefined) },
  { part: 'monitoring', what: 'media monitoring: one poll of 200 sources × 50 new items (PostgreSQL)', unit: 's', kind: 'max', target: 60,
    // A run where a source failed did less work: no figure.
    figure: (r) => (r.monitoringPoll?.failed === 0 ? r.monitoringPoll.seconds : undefined),
    note: (r) => (r.monitoringPoll ? `${r.monitoringPoll.sources} sources × ${r.monitoringPoll.itemsPerSource} items, ${Number(r.monitoringPoll.clippings).toLocaleString('en')} clippings` : undefined) },
  { part: 'unlock', what: 'phone unlock (code → key, store rows opened), Chromium CPU ×4', unit: 'ms', kind: 'max', target: 1000, figure: (r) => r.unlock?.unlockMs,
    note: (r) => (r.unlock ? `PBKDF2 ${Number(r.unlock.iterations).toLocaleString('en')}, ${r.unlock.rows} rows` : undefined) },
  { part: 'bundle', what: "capture screens' JavaScript, gzipped", unit: 'KB', kind: 'max', target: 80, figure: (r) => r.bundle?.captureGzipKB },
];

export type TargetRow = {
  what: string; figure: number | null; unit: string; target: string; ratio: number | null; met: boolean | null;
  load: number | null; at: string | null; quick: boolean; note: string | null;
};

export function targetRows(results: Results): TargetRow[] {
  const meta = (results.measured ?? {}) as Record<string, PartMeta>;
  return TARGETS.map((t) => {
    const raw = t.figure(results);
    const figure = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const m = meta[t.part];
    return {
      what: t.what, figure, unit: t.unit, target: `${t.kind === 'max' ? '≤' : '≥'} ${t.target.toLocaleString('en')} ${t.unit}`,
      ratio: figure === null ? null : +(figure / t.target).toFixed(2),
      met: figure === null ? null : t.kind === 'max' ? figure <= t.target : figure >= t.target,
      load: m?.loadAverage[0] ?? null, at: m?.at ?? null, quick: m?.quick ?? false, note: (figure !== null && t.note?.(results)) || null,
    };
  });
}

/** The table as text, for the console. */
export function formatTargetTable(rows: TargetRow[]): string {
  const header = ['target', 'measured', 'goal', 'ratio', 'met', 'load (1 min)', 'measured at'];
  const lines = rows.map((r) => [
    r.what + (r.note ? ` [${r.note}]` : '') + (r.quick ? ' (quick mode)' : ''),
    r.figure === null ? 'not measured' : `${r.figure.toLocaleString('en')} ${r.unit}`,
    r.target,
    r.ratio === null ? '—' : `${r.ratio}×`,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
    r.load === null ? '—' : r.load.toFixed(2),
    r.at ? r.at.slice(0, 16).replace('T', ' ') : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}
