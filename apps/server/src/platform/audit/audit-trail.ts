import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { sha256Hex } from '../crypto/tokens.js';

/**
 * Append-only, hash-chained audit trail. Each entry's hash covers the previous entry's hash
 * and the entry's own canonical JSON (RFC 8785), so altering, inserting or removing any entry
 * breaks the chain from that point on. Appends are serialised by a transaction-level
 * advisory lock: the entry commits or rolls back with the write it describes.
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
const AUDIT_LOCK_KEY = 7_246_002;

/** Round-trips through JSON so that what we hash is exactly what jsonb will give back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function entryHash(prevHash: string, fields: {
  seq: number; at: string; organisationId: string | null; actorId: string | null; action: string;
  entityType: string; entityId: string | null; before: unknown; after: unknown; context: unknown;
}): string {
  return sha256Hex(`${prevHash}\n${canonicalize(fields)}`);
}

export async function recordAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date();
  const fields = {
    seq,
    at: at.toISOString(),
    organisationId: entry.organisationId,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: plain(entry.before),
    after: plain(entry.after),
    context: plain(entry.context),
  };
  const hash = entryHash(prevHash, fields);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await trx
    .insertInto('audit_log')
    .values({
      seq, at, organisation_id: fields.organisationId, actor_id: fields.actorId, action: fields.action,
      entity_type: fields.entityType, entity_id: fields.entityId, before: json(fields.before),
      after: json(fields.after), context: json(fields.context), prev_hash: prevHash, hash,
    })
    .execute();
  await trx
    .insertInto('audit_head')
    .values({ id: true, seq, hash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq, hash }))
    .execute();
}

/**
 * Appends many entries at once (a spreadsheet import writes thousands): one lock, one read
 * of the head, multi-row inserts. The chain is exactly what one recordAudit per entry gives.
 */
export async function recordAuditBatch(trx: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date();
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const rows = entries.map((entry) => {
    seq += 1;
    const fields = {
      seq, at: at.toISOString(), organisationId: entry.organisationId, actorId: entry.actorId, action: entry.action,
      entityType: entry.entityType, entityId: entry.entityId ?? null, before: plain(entry.before), after: plain(entry.after), context: plain(entry.context),
    };
    const hash = entryHash(prevHash, fields);
    const row = {
      seq, at, organisation_id: fields.organisationId, actor_id: fields.actorId, action: fields.action, entity_type: fields.entityType,
      entity_id: fields.entityId, before: json(fields.before), after: json(fields.after), context: json(fields.context), prev_hash: prevHash, hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
  await trx.insertInto('audit_head').values({ id: true, seq, hash: prevHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq, hash: prevHash })).execute();
}
