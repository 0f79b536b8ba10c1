import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import { PREPARED } from '../db/prepared.js';
import { GENESIS_HASH, entryHash, recordedAuditEntries } from './audit-trail.js';

/**
 * Chains committed `audit_pending` entries into `audit_log` (docs/adr/0007). One sequencer at a
 * time holds the chain lock, for a few statements per batch of up to BATCH entries, instead of
 * every audited request holding it until its own commit. Several server processes may run a
 * sequencer: the lock makes them take turns, and each batch is moved (deleted from pending,
 * appended to the log, head updated) in one transaction, so an entry is chained exactly once.
 */
const AUDIT_LOCK_KEY = 7_246_002;
const BATCH = 1000;
/** How often pending entries from elsewhere (another process, a crash before chaining) are looked for. */
const SWEEP_MS = 1000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'background': the response does not wait for this request's audit entries to be chained
     * (they are committed with the write; the chain link follows within about a second).
     * By default a response waits, so that whoever reads the trail after it sees the entries.
     */
    auditChain?: 'background';
  }
}

type PendingRow = {
  id: string | null; at: Date | null; organisation_id: string | null; actor_id: string | null; action: string | null;
  entity_type: string | null; entity_id: string | null; before: unknown; after: unknown; context: unknown;
  head_seq: string | number | null; head_hash: string | null;
};

/** Chains up to BATCH committed pending entries, oldest first. Returns how many were chained. */
export async function chainPendingAudit(db: Db, batch = BATCH): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Its own statement: in READ COMMITTED the next statement's snapshot then sees the head
    // as the previous holder of the lock committed it.
    await sql`${PREPARED}SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const { rows } = await sql<PendingRow>`${PREPARED}
      WITH taken AS (
        DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT ${batch}) RETURNING *
      )
      SELECT t.*, h.seq AS head_seq, h.hash AS head_hash
      FROM (SELECT 1) AS one LEFT JOIN audit_head h ON true LEFT JOIN taken t ON true
      ORDER BY t.id`.execute(trx);
    const taken = rows.filter((r) => r.id !== null);
    if (taken.length === 0) return 0;
    let seq = rows[0]!.head_seq === null ? 0 : Number(rows[0]!.head_seq);
    let prevHash = rows[0]!.head_hash ?? GENESIS_HASH;
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    const entries = taken.map((r) => {
      seq += 1;
      const fields = {
        seq, at: r.at!.toISOString(), organisationId: r.organisation_id, actorId: r.actor_id, action: r.action!,
        entityType: r.entity_type!, entityId: r.entity_id, before: r.before ?? null, after: r.after ?? null, context: r.context ?? null,
      };
      const hash = entryHash(prevHash, fields);
      const row = {
        seq, at: r.at!, organisation_id: r.organisation_id, actor_id: r.actor_id, action: fields.action, entity_type: fields.entityType,
        entity_id: r.entity_id, before: json(fields.before), after: json(fields.after), context: json(fields.context), prev_hash: prevHash, hash,
      };
      prevHash = hash;
      return row;
    });
    await trx.with('appended', (db) => db.insertInto('audit_log').values(entries))
      .insertInto('audit_head').values({ id: true, seq, hash: prevHash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seq, hash: prevHash }))
      .execute();
    return taken.length;
  });
}

export async function countPendingAudit(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs chainPendingAudit on demand and every SWEEP_MS. Demands that arrive while a run is
 * under way are served together by the next run: that is what batches the chain under load.
 */
export class AuditSequencer {
  private requested = 0;
  private done = 0;
  private running: Promise<void> | null = null;
  private waiters: Array<{ generation: number; resolve: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  /**
   * `sweep`: also look every SWEEP_MS for entries other processes left pending (a shared
   * PostgreSQL). The embedded database has one process and one connection, which a needless
   * query every second would take from requests: there, leftovers are chained at start.
   */
  constructor(private readonly db: Db, private readonly onError: (err: unknown) => void, private readonly sweep = true) {}

  start() {
    if (this.sweep) {
      this.timer = setInterval(() => void this.sweepOnce(), SWEEP_MS);
      this.timer.unref();
    }
    void this.chain();
  }

  /** Resolves once every entry committed before the call has been chained (or the run failed and was logged). */
  chain(): Promise<void> {
    const generation = ++this.requested;
    const done = new Promise<void>((resolve) => this.waiters.push({ generation, resolve }));
    this.running ??= this.run();
    return done;
  }

  /** Waits for entries committed so far to be chained, at most `timeoutMs`: they are durable anyway. */
  async settle(timeoutMs: number) {
    const timeout = new AbortController();
    await Promise.race([this.chain(), delay(timeoutMs, undefined, { signal: timeout.signal }).catch(() => {})]);
    timeout.abort();
  }

  async stop() {
    clearInterval(this.timer);
    await this.chain();
  }

  private async sweepOnce() {
    if (this.running) return;
    try {
      if ((await this.db.selectFrom('audit_pending').select('id').limit(1).executeTakeFirst())) await this.chain();
    } catch (err) {
      this.onError(err);
    }
  }

  private async run() {
    while (this.done < this.requested) {
      const target = this.requested;
      try {
        while ((await chainPendingAudit(this.db)) === BATCH);
      } catch (err) {
        this.onError(err);
        // The entries stay pending (durable); try again shortly whether or not anyone asks.
        setTimeout(() => void this.chain(), SWEEP_MS).unref();
      }
      this.done = target;
      this.waiters = this.waiters.filter((w) => (w.generation <= target ? (w.resolve(), false) : true));
    }
    this.running = null;
  }
}

/**
 * Starts the sequencer for this server and makes responses wait for their entries' chain link
 * (unless the route says `auditChain: 'background'`), so a trail read after a response shows it.
 */
export function installAuditChaining(app: FastifyInstance, db: Db, log: FastifyBaseLogger, options: { sharedDatabase: boolean }) {
  const sequencer = new AuditSequencer(db, (err) => log.error({ err }, 'audit entries could not be chained yet; retrying'), options.sharedDatabase);
  sequencer.start();
  // A request that recorded an entry moved the counter between its start and its response
  // (others may have too: then it waits for nothing more than one batch).
  const marks = new WeakMap<object, number>();
  app.addHook('onRequest', async (req) => { marks.set(req, recordedAuditEntries()); });
  app.addHook('onSend', async (req, _reply, payload) => {
    const mark = marks.get(req);
    if (mark !== undefined && mark === recordedAuditEntries()) return payload;
    // In the background: started now, not awaited; the entries are committed already.
    if (req.routeOptions.config?.auditChain === 'background') void sequencer.chain();
    else await sequencer.settle(5000);
    return payload;
  });
  app.addHook('onClose', async () => { await sequencer.stop(); });
  return sequencer;
}
