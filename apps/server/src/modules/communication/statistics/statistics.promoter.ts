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

/**
 * Every `pollMs` (STATISTICS_PROMOTE_MS, 200 by default: a saved eviction is in the cells within
 * about that), counts the pending evictions in full batches until a batch comes back short. Each
 * server process runs one; batches of several processes never overlap (SKIP LOCKED). A look that
 * finds nothing is one index probe of an empty partial index.
 */
export class StatisticsPromoter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly db: Db, private readonly onError: (err: unknown) => void) {}

  start(pollMs: number) {
    this.timer = setInterval(() => { this.running ??= this.run(); }, pollMs);
    this.timer.unref();
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async run() {
    try {
      while (!this.stopped && (await promoteStatistics(this.db)) === PROMOTE_BATCH);
    } catch (err) {
      // A lock wait given up, a connection lost: the evictions stay pending, figures stay exact, the next tick retries.
      if (!this.stopped && (err as { code?: string }).code !== LOCK_NOT_AVAILABLE) this.onError(err);
    }
    this.running = null;
  }
}
