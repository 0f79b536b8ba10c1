import type { Executor } from '../db/database.js';
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
export declare const GENESIS_HASH: string;
export declare function entryHash(prevHash: string, fields: {
    seq: number;
    at: string;
    organisationId: string | null;
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
    context: unknown;
}): string;
export declare function recordAudit(trx: Executor, entry: AuditEntry): Promise<void>;
