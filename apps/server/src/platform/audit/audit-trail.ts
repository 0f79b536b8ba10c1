import canonicalize from 'canonicalize';
import type { Executor } from '../db/database.js';
import { sha256Hex } from '../crypto/tokens.js';

/**
 * Append-only, hash-chained audit trail (docs/adr/0003, 0007). Each entry's hash covers the
 * previous entry's hash and the entry's own canonical JSON (RFC 8785), so altering, inserting
 * or removing any entry breaks the chain from that point on.
 *
 * A write records its entry in `audit_pending`, inside the write's own transaction: the entry
 * commits or rolls back with what it describes, and no request waits on another's commit. The
 * sequencer (audit-sequencer.ts) then chains committed entries into `audit_log` in batches.
 */
export type AuditEntry = {
  organisationId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  context?: Record<string, unknown>;
};

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, fields: {
  seq: number; at: string; organisationId: string | null; actorId: string | null; action: string;
  entityType: string; entityId: string | null; before: unknown; after: unknown; context: unknown;
}): string {
  return sha256Hex(`${prevHash}\n${canonicalize(fields)}`);
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The `audit_pending` row of an entry. `at` is the moment of the write, not of its chaining. */
export function pendingAuditRow(entry: AuditEntry, at = new Date()) {
  return {
    at, organisation_id: entry.organisationId, actor_id: entry.actorId, action: entry.action, entity_type: entry.entityType,
    entity_id: entry.entityId ?? null, before: json(entry.before), after: json(entry.after), context: json(entry.context),
  };
}

/**
 * Entries recorded by this process so far. The HTTP layer compares it with what the sequencer
 * has covered to know whether a response must wait for the chain (audit-sequencer.ts).
 */
let recorded = 0;
export const recordedAuditEntries = () => recorded;
/** For writes that put their entry in audit_pending themselves (one statement with the write). */
export const noteAuditRecorded = (n = 1) => { recorded += n; };

export async function recordAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  await trx.insertInto('audit_pending').values(pendingAuditRow(entry)).execute();
  recorded += 1;
}

/** Appends many entries at once (a spreadsheet import writes thousands): multi-row inserts. */
export async function recordAuditBatch(trx: Executor, entries: AuditEntry[]): Promise<void> {
  const at = new Date();
  const rows = entries.map((e) => pendingAuditRow(e, at));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_pending').values(rows.slice(i, i + 500)).execute();
  recorded += entries.length;
}
