import { createRequire } from 'node:module';

/** The part of cron-parser 4 used here. It is pg-boss's dependency, loaded from pg-boss's folder (not one of ours). */
export type CronParser = {
  parseExpression(cron: string, options: { tz: string; currentDate?: Date }): {
    fields: Record<'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek', readonly (number | string)[]>;
    prev(): { getTime(): number };
  };
};
type TimekeeperPrototype = { shouldSendIt(this: { clockSkew: number }, cron: string, tz: string): boolean };

/**
 * pg-boss 10 keeps its clock in `src/timekeeper.js` (no `exports` map, so the path resolves) and
 * uses cron-parser; undefined if a later version moves them (pg-boss then keeps its own check).
 */
export function loadPgBossCron(): { timekeeper: TimekeeperPrototype; cronParser: CronParser } | undefined {
  try {
    const fromPgBoss = createRequire(createRequire(import.meta.url).resolve('pg-boss'));
    const timekeeper = (fromPgBoss('./timekeeper.js') as { prototype: TimekeeperPrototype }).prototype;
    const cronParser = fromPgBoss('cron-parser') as CronParser;
    if (typeof timekeeper?.shouldSendIt !== 'function' || typeof cronParser?.parseExpression !== 'function') return undefined;
    return { timekeeper, cronParser };
  } catch { return undefined; }
}

/**
 * Whether a daily-style cron (minute and hour fields only; any day, any month, any weekday)
 * falls on the minute that `at` is in, in time zone `tz`, or `undefined` when the expression
 * restricts days, months or seconds (the caller then asks cron-parser).
 *
 * pg-boss asks, for every schedule, once a minute and once at start-up, whether the cron's
 * previous time is less than 60 s old, with cron-parser's `prev()` in the schedule's time zone:
 * it walks back hour by hour and minute by minute, each step re-computing the zone offset with
 * Luxon — about 10 ms of CPU per schedule, 0.1–0.4 s a minute for our 13 schedules on this
 * machine and ≈ 0.25 s of every start (docs/PERFORMANCE.md). The answer is the same as "the
 * cron matches the current minute of the wall clock in that zone", which one formatted date tells.
 */
export function cronMatchesMinute(cronParser: CronParser, cron: string, tz: string, at: number): boolean | undefined {
  const fields = parsedFields(cronParser, cron, tz);
  if (!fields) return undefined;
  // prev() is strictly before `at`: on the exact start of a minute the previous match is ≥ 60 s old.
  if (at % 60_000 === 0) return false;
  const { hour, minute } = wallClock(tz, at);
  return fields.minute.includes(minute) && fields.hour.includes(hour);
}

type DailyFields = { minute: readonly number[]; hour: readonly number[] };
const parsed = new Map<string, DailyFields | null>();

function parsedFields(cronParser: CronParser, cron: string, tz: string): DailyFields | null {
  const key = `${tz} ${cron}`;
  let fields = parsed.get(key);
  if (fields === undefined) {
    const f = cronParser.parseExpression(cron, { tz }).fields;
    const everyDay = f.dayOfMonth.length === 31 && f.month.length === 12 && new Set(f.dayOfWeek.map((d) => Number(d) % 7)).size === 7;
    fields = everyDay && f.second.length === 1 && f.second[0] === 0 ? { minute: f.minute.map(Number), hour: f.hour.map(Number) } : null;
    parsed.set(key, fields);
  }
  return fields;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(tz: string, at: number): { hour: number; minute: number } {
  let format = formats.get(tz);
  if (!format) formats.set(tz, format = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }));
  let hour = 0;
  let minute = 0;
  for (const p of format.formatToParts(at)) {
    if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { hour, minute };
}

/** Gives pg-boss's clock the quick answer for daily-style crons, cron-parser's for any other. */
export function quickenPgBossCron(): void {
  const loaded = loadPgBossCron();
  if (!loaded || (loaded.timekeeper.shouldSendIt as { quick?: true }).quick) return;
  const { timekeeper, cronParser } = loaded;
  const original = timekeeper.shouldSendIt;
  const quick = function shouldSendIt(this: { clockSkew: number }, cron: string, tz: string) {
    return cronMatchesMinute(cronParser, cron, tz, Date.now() + this.clockSkew) ?? original.call(this, cron, tz);
  };
  timekeeper.shouldSendIt = Object.assign(quick, { quick: true as const });
}
