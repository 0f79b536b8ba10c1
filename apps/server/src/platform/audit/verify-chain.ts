import type { Db } from '../db/database.js';
import { GENESIS_HASH, entryHash } from './audit-trail.js';

export type ChainProblem = { seq: number; problem: 'altered' | 'missing' | 'broken_link' | 'head_mismatch'; detail: string };
export type ChainReport = { ok: boolean; entries: number; headSeq: number | null; problems: ChainProblem[] };

const PAGE = 2000;

/**
 * Walks the whole trail in order and recomputes every hash. Must run with a connection that
 * bypasses row-level security (the server's own user), so that it sees every organisation.
 */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', String(after)).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      entries += 1;
      if (seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, problem: 'missing', detail: `entries ${expectedSeq} to ${seq - 1} are missing` });
      }
      if (row.prev_hash !== prevHash) {
        problems.push({ seq, problem: 'broken_link', detail: `entry ${seq} does not follow the entry before it` });
      }
      const recomputed = entryHash(row.prev_hash, {
        seq, at: row.at.toISOString(), organisationId: row.organisation_id, actorId: row.actor_id, action: row.action,
        entityType: row.entity_type, entityId: row.entity_id, before: row.before ?? null, after: row.after ?? null,
        context: row.context ?? null,
      });
      if (recomputed !== row.hash) {
        problems.push({ seq, problem: 'altered', detail: `entry ${seq} was changed after it was written` });
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      after = seq;
    }
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  const headSeq = head ? Number(head.seq) : null;
  if ((headSeq ?? 0) !== expectedSeq - 1 || (head && head.hash !== prevHash)) {
    problems.push({
      seq: expectedSeq - 1,
      problem: 'head_mismatch',
      detail: `the trail ends at entry ${expectedSeq - 1} but its head records entry ${headSeq ?? 0}: entries were removed from the end or added`,
    });
  }
  return { ok: problems.length === 0, entries, headSeq, problems };
}
