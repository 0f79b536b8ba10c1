import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/**
 * New evictions are saved *pending* and counted into the statistics cells after their submission,
 * a batch at a time (migration 20k-01): the cells' statements cost about the same for a hundred
 * rows as for one, and the phone's submission no longer waits for them. Figures stay exact
 * meanwhile: while anything is pending they are recounted from the records (`cellsAnswer`).
 */
const PROMOTE_BATCH = 500;
/**
 * At most this long waiting for a row lock: a writer holding one (an edit replacing tallies) goes
 * first, and the promoter, not the person's edit, is the one that gives up and retries (PostgreSQL
 * looks for deadlocks only after deadlock_timeout, 1 s).
 */
const LOCK_WAIT = '300ms';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Counts up to `batch` pending evictions into the cells, in the pending index's order (organisation,
 * day); returns how many. Runs as the owner, across organisations.
 */
export async function promoteStatistics(db: Db, batch = PROMOTE_BATCH): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('lock_timeout', ${LOCK_WAIT}, true)`.execute(trx);
    const result = await sql<{ n: number }>`SELECT statistics_promote(${batch}::int) AS n`.execute(trx);
    return Number(result.rows[0]?.n ?? 0);
  });
}

/** Counts every pending eviction now (tests, imports): batches until none is left. */
export async function promoteAllStatistics(db: Db): Promise<number> {
  let total = 0;
  for (let n = PROMOTE_BATCH; n === PROMOTE_BATCH;) total += n = await promoteStatistics(db);
  return total;
}

/** The longest wait between two looks while nothing is found (backing off from `pollMs`). */
const IDLE_MAX_MS = 5_000;

/**
 * The wait before the next look: back to `pollMs` when the last one counted something, twice as
 * long (up to IDLE_MAX_MS) when it found nothing. An idle server then looks every 5 s instead of
 * every 200 ms: on the embedded database each look is PostgreSQL running on the server's own
 * thread, and the looks of an idle day cost CPU and grew its memory (docs/PERFORMANCE.md).
 */
export function nextPromoteDelay(current: number, promoted: number, pollMs: number): number {
  return promoted > 0 ? pollMs : Math.min(Math.max(current, pollMs) * 2, Math.max(IDLE_MAX_MS, pollMs));
}

/** The promoters started in this process, told at once when an eviction is saved here. */
const promoters = new Set<StatisticsPromoter>();

/**
 * Called by whatever saves new evictions (a submission, a web form, an import), in or after its
 * transaction: this process's promoter looks again within `pollMs` instead of its idle wait.
 * Another process's submissions wake that process's promoter; a process that saves but works no
 * jobs leaves its evictions to a worker's next look (at most IDLE_MAX_MS, figures exact meanwhile).
 */
export function evictionsSaved(): void {
  for (const promoter of promoters) promoter.soon();
}

/**
 * From every `pollMs` (STATISTICS_PROMOTE_MS, 200 by default: a saved eviction is in the cells
 * within about that) to every IDLE_MAX_MS when idle, counts the pending evictions in full batches
 * until a batch comes back short. Each server process runs one; batches of several processes
 * never overlap (SKIP LOCKED). A look that finds nothing is one index probe of an empty partial index.
 */
export class StatisticsPromoter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  private pollMs = 0;
  private delay = 0;
  private dueAt = 0;

  constructor(private readonly db: Db, private readonly onError: (err: unknown) => void) {}

  start(pollMs: number) {
    this.pollMs = this.delay = pollMs;
    promoters.add(this);
    this.schedule(pollMs);
  }

  /** Looks again within `pollMs` (an eviction was just saved), unless a look is already that close. */
  soon() {
    if (this.stopped || this.pollMs === 0) return;
    this.delay = this.pollMs;
    if (!this.running && this.dueAt - Date.now() > this.pollMs) this.schedule(this.pollMs);
  }

  async stop() {
    this.stopped = true;
    promoters.delete(this);
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => { this.running ??= this.run(); }, ms);
    this.timer.unref();
  }

  private async run() {
    let promoted = 0;
    let failed = false;
    try {
      for (let n = PROMOTE_BATCH; !this.stopped && n === PROMOTE_BATCH;) promoted += n = await promoteStatistics(this.db);
    } catch (err) {
      // A lock wait given up, a connection lost: the evictions stay pending, figures stay exact, the next look (soon) retries.
      if (!this.stopped && (err as { code?: string }).code !== LOCK_NOT_AVAILABLE) this.onError(err);
      failed = true;
    }
    this.running = null;
    if (this.stopped) return;
    this.delay = failed ? this.pollMs : nextPromoteDelay(this.delay, promoted, this.pollMs);
    this.schedule(this.delay);
  }
}
