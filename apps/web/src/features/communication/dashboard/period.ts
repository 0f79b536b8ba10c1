import { parisDate } from '@vigie/domain/rules';

/**
 * Period presets of the dashboard, as Europe/Paris days ('YYYY-MM-DD', both inclusive). Pure
 * calendar arithmetic on the numbers of the date, so the browser's own zone never shifts a day.
 */
export const PRESETS = ['thisMonth', 'lastMonth', 'last12Months', 'thisYear', 'lastYear'] as const;
export type Preset = (typeof PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Last day of month m (1–12) of year y: day 0 of the next month. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function presetPeriod(preset: Preset, today = parisDate(new Date())): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number, number];
  const prevY = m === 1 ? y - 1 : y;
  const prevM = m === 1 ? 12 : m - 1;
  switch (preset) {
    case 'thisMonth': return { from: day(y, m, 1), to: today };
    case 'lastMonth': return { from: day(prevY, prevM, 1), to: day(prevY, prevM, lastDay(prevY, prevM)) };
    // The twelve whole months before this one.
    case 'last12Months': return { from: day(y - 1, m, 1), to: day(prevY, prevM, lastDay(prevY, prevM)) };
    case 'thisYear': return { from: day(y, 1, 1), to: today };
    case 'lastYear': return { from: day(y - 1, 1, 1), to: day(y - 1, 12, 31) };
  }
}

/** The filter as it sits in the address bar, so a view can be shared and reloaded. */
export type DashboardFilter = {
  from: string; to: string; areaCode?: string; communeInsee?: string; siteId?: string; forceCorps?: string; includeDrafts?: boolean;
  /** Corps all present / all absent, comma-separated as the API reads them ("pn,bac" and "crs": police nationale et BAC sans CRS). */
  forcePresent?: string; forceAbsent?: string;
};
const KEYS = ['from', 'to', 'areaCode', 'communeInsee', 'siteId', 'forceCorps', 'forcePresent', 'forceAbsent'] as const;

export type ForcePresence = 'any' | 'present' | 'absent';
const corpsIn = (list: string | undefined) => (list ? list.split(',').filter(Boolean) : []);

function withoutForces(f: DashboardFilter): DashboardFilter {
  const rest = { ...f };
  delete rest.forceCorps;
  delete rest.forcePresent;
  delete rest.forceAbsent;
  return rest;
}

/** Whether the filter asks for a corps present, absent or either (an old `forceCorps` link reads as present). */
export function forcePresenceOf(f: DashboardFilter, corps: string): ForcePresence {
  if (f.forceCorps === corps || corpsIn(f.forcePresent).includes(corps)) return 'present';
  if (corpsIn(f.forceAbsent).includes(corps)) return 'absent';
  return 'any';
}

/** The filter with one corps set to present, absent or either; the single-corps `forceCorps` folds into the lists. */
export function withForcePresence(f: DashboardFilter, corps: string, presence: ForcePresence): DashboardFilter {
  const present = new Set([...corpsIn(f.forcePresent), ...(f.forceCorps ? [f.forceCorps] : [])]);
  const absent = new Set(corpsIn(f.forceAbsent));
  present.delete(corps);
  absent.delete(corps);
  if (presence === 'present') present.add(corps);
  if (presence === 'absent') absent.add(corps);
  return {
    ...withoutForces(f),
    ...(present.size ? { forcePresent: [...present].join(',') } : {}),
    ...(absent.size ? { forceAbsent: [...absent].join(',') } : {}),
  };
}

/** Exactly this combination of corps: each of them present, every other corps absent ("police nationale et BAC, rien d'autre"). */
export function withForceCombination(f: DashboardFilter, combination: string[], allCorps: string[]): DashboardFilter {
  const absent = allCorps.filter((c) => !combination.includes(c));
  return {
    ...withoutForces(f),
    ...(combination.length ? { forcePresent: combination.join(',') } : {}),
    ...(absent.length ? { forceAbsent: absent.join(',') } : {}),
  };
}

export function filterFromQuery(query: Record<string, string | undefined>): DashboardFilter {
  const fallback = presetPeriod('lastMonth');
  const valid = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const f: DashboardFilter = { from: valid(query.from) ?? fallback.from, to: valid(query.to) ?? fallback.to };
  for (const k of KEYS.slice(2)) if (query[k]) f[k] = query[k];
  if (query.includeDrafts === 'true') f.includeDrafts = true;
  return f;
}

export function toQuery(f: DashboardFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (f[k]) params.set(k, f[k]!);
  if (f.includeDrafts) params.set('includeDrafts', 'true');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function presetOf(f: DashboardFilter): Preset | 'custom' {
  return PRESETS.find((p) => {
    const period = presetPeriod(p);
    return period.from === f.from && period.to === f.to;
  }) ?? 'custom';
}
