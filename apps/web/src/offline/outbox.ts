import type { SyncCommand, SyncResult } from '@vigie/domain/rules';
import type { CommandType, OutboxEntry, ServerError, SyncState, TableName } from './types';

/**
 * The outbox state machine, kept pure (the Dexie side lives in store.ts and sync.ts).
 *
 *   queued ──push──▶ applied / replayed → removed, record.version = result.version
 *      │       └───▶ conflict → state 'conflict' (kept; the observer decides, server keeps both)
 *      │       └───▶ rejected → state 'rejected' with the server's message (kept until fixed)
 *      └─ network failure / 5xx → unchanged, retried later with the same commandId and baseVersion
 */

export interface NewCommand {
  type: CommandType;
  table: TableName;
  recordId: string;
  record: unknown;
}

export type EnqueuePlan = { kind: 'add'; entry: OutboxEntry } | { kind: 'replace'; entry: OutboxEntry };

/**
 * How a new command joins the outbox, given the entries already waiting for the same record.
 * - A save that was never sent is updated in place (same commandId: the server never saw it).
 * - A rejected command of the same type is replaced by the fixed one (new content → new id):
 *   the observer fixed it, nothing is lost.
 * - Otherwise the command is appended, so that the server sees changes in order.
 */
export function planEnqueue(existing: readonly OutboxEntry[], cmd: NewCommand, newId: () => string, now: string): EnqueuePlan {
  const last = [...existing].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).at(-1);
  if (last && last.type === cmd.type && last.state === 'queued' && last.attempts === 0 && !last.frozen) {
    return { kind: 'replace', entry: { ...last, record: cmd.record } };
  }
  const rejected = existing.find((e) => e.state === 'rejected' && e.type === cmd.type);
  if (rejected) {
    return {
      kind: 'replace',
      entry: { ...rejected, commandId: newId(), record: cmd.record, state: 'queued', attempts: 0, error: null, frozen: false, baseVersion: null, lastAttemptAt: null, createdAt: now },
    };
  }
  return {
    kind: 'add',
    entry: {
      commandId: newId(), type: cmd.type, table: cmd.table, recordId: cmd.recordId, record: cmd.record,
      baseVersion: null, frozen: false, state: 'queued', attempts: 0, error: null, serverVersion: null, createdAt: now, lastAttemptAt: null,
    },
  };
}

/**
 * The next batch to push, in outbox order. It stops at the first command for a record already
 * in the batch (its base version depends on the answer to the earlier one) and skips records
 * that have a rejected or conflicting command waiting for the observer. Base versions are frozen
 * on first sending: a retry after a lost answer must be byte-for-byte the same command.
 */
export function selectBatch(queue: readonly OutboxEntry[], versionOf: (table: TableName, id: string) => number | null, max = 200): OutboxEntry[] {
  const sorted = [...queue].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const blocked = new Set(sorted.filter((e) => e.state !== 'queued').map((e) => e.recordId));
  const inBatch = new Set<string>();
  const batch: OutboxEntry[] = [];
  for (const e of sorted) {
    if (batch.length >= max) break;
    if (e.state !== 'queued' || blocked.has(e.recordId)) continue;
    if (inBatch.has(e.recordId)) break;
    inBatch.add(e.recordId);
    batch.push(e.frozen ? e : { ...e, frozen: true, baseVersion: versionOf(e.table, e.recordId) });
  }
  return batch;
}

export function toCommand(e: OutboxEntry): SyncCommand {
  return { commandId: e.commandId, baseVersion: e.baseVersion, type: e.type, record: e.record } as SyncCommand;
}

export interface RecordUpdate {
  table: TableName;
  id: string;
  /** New acknowledged version, when the server applied the command. */
  version?: number;
}

export interface ResultPlan {
  remove: OutboxEntry[];
  keep: OutboxEntry[];
  records: RecordUpdate[];
}

/** What to do with a pushed batch once the server answered. Unanswered commands stay queued. */
export function applyResults(batch: readonly OutboxEntry[], results: readonly SyncResult[], now: string): ResultPlan {
  const byId = new Map(results.map((r) => [r.commandId, r]));
  const plan: ResultPlan = { remove: [], keep: [], records: [] };
  for (const e of batch) {
    const r = byId.get(e.commandId);
    const attempted = { ...e, attempts: e.attempts + 1, lastAttemptAt: now };
    if (!r) {
      plan.keep.push(attempted);
      continue;
    }
    if (r.status === 'applied' || r.status === 'replayed') {
      plan.remove.push(e);
      plan.records.push(r.version === null ? { table: e.table, id: e.recordId } : { table: e.table, id: e.recordId, version: r.version });
    } else {
      const error: ServerError = r.error ?? { code: `sync.${r.status}`, message: '' };
      plan.keep.push({ ...attempted, state: r.status, error, serverVersion: r.status === 'conflict' ? r.version : null });
      plan.records.push({ table: e.table, id: e.recordId });
    }
  }
  return plan;
}

/** A record's sync state follows the commands still waiting for it. */
export function syncStateOf(entries: readonly OutboxEntry[]): { state: SyncState; error: string | null } {
  const conflict = entries.find((e) => e.state === 'conflict');
  if (conflict) return { state: 'conflict', error: conflict.error?.message || null };
  const rejected = entries.find((e) => e.state === 'rejected');
  if (rejected) return { state: 'rejected', error: rejected.error?.message || null };
  return { state: entries.length ? 'pending' : 'synced', error: null };
}

/** Delay before the n-th consecutive retry: 5 s doubling up to 5 min, with ±20 % jitter. */
export function backoffMs(failures: number, random = Math.random): number {
  const base = Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Network failures and server errors are retried; anything else needs a person. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
