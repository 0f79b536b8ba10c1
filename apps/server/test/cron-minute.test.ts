import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronMatchesMinute, loadPgBossCron } from '../src/platform/queue/cron-minute.js';
import '../src/platform/queue/job-queue.js';

const loaded = loadPgBossCron();
const CRONS = ['25 8 * * *', '45 3 * * *', '0 18 * * *', '0 7 * * *', '*/10 * * * *', '5,35 9-17 * * *', '0 0 * * *', '59 23 * * *', '30 2 * * *'];
const ZONES = ['Europe/Paris', 'UTC', 'America/New_York'];

describe('pg-boss schedules checked without walking back minute by minute', () => {
  it('pg-boss still has the clock and cron-parser where cron-minute.ts reaches them, and uses the quick check', () => {
    expect(loaded).toBeDefined();
    expect((loaded!.timekeeper.shouldSendIt as { quick?: true }).quick).toBe(true);
  });

  it('answers as pg-boss did (cron-parser prev() less than 60 s old) at any instant, across changes of time', () => {
    const { cronParser } = loaded!;
    const pgBossAnswer = (cron: string, tz: string, at: number) => (at - cronParser.parseExpression(cron, { tz, currentDate: new Date(at) }).prev().getTime()) / 1000 < 60;
    // 2024–2027, with every daylight-saving change; minutes boundaries and their neighbours are likely.
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
      fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2027, 11, 31) / 60_000 }).chain((m) => fc.integer({ min: -1, max: 1 }).map((d) => m * 60_000 + d)),
      fc.constantFrom(Date.UTC(2025, 2, 30, 1, 0, 1), Date.UTC(2025, 9, 26, 0, 30, 5), Date.UTC(2025, 9, 26, 1, 30, 5), Date.UTC(2026, 2, 29, 0, 59, 59)),
    );
    fc.assert(fc.property(fc.constantFrom(...CRONS), fc.constantFrom(...ZONES), instant, (cron, tz, at) => {
      expect(cronMatchesMinute(cronParser, cron, tz, at)).toBe(pgBossAnswer(cron, tz, at));
    }), { numRuns: 400 });
  });

  it('leaves any cron that restricts days, months or seconds to cron-parser', () => {
    const { cronParser } = loaded!;
    for (const cron of ['0 8 * * 1', '0 8 1 * *', '0 8 * 6 *', '30 0 8 * * *', '0 8 L * *']) {
      expect(cronMatchesMinute(cronParser, cron, 'Europe/Paris', Date.UTC(2026, 5, 1, 6, 0, 30))).toBeUndefined();
    }
    expect(cronMatchesMinute(cronParser, '0 8 * * *', 'Europe/Paris', Date.UTC(2026, 5, 1, 6, 0, 30))).toBe(true);
  });
});
