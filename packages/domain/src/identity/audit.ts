import { z } from 'zod';
import { jsonValueSchema } from '../json-value.js';

/**
 * One entry of the organisation's audit trail as administrators read it. No sequence number:
 * the chain is shared by every organisation on a server, so its numbers (and their gaps) would
 * show how busy the others are. Pages follow an opaque cursor; the hash ties the entry to the
 * chain and to the chains of custody printed in evidence bundles.
 */
export const auditEntryViewSchema = z.object({
  cursor: z.string(),
  hash: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: jsonValueSchema,
  after: jsonValueSchema,
  context: jsonValueSchema,
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntryViewSchema) });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** Filters of the audit screen: by person, by record (its type, or one record), by day (Paris time). */
export const auditQuerySchema = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  actorId: z.uuid().optional(),
  entityType: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  entityId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

/**
 * The audit chain checked from the screen (the same check as `npm run audit:verify`). The chain
 * is shared by every organisation, so the answer speaks of this organisation only: how many of
 * its entries the check covered, and the first broken entry when it is one of its own; a break
 * at an entry of another organisation (or a removed one) says only that the chain is broken.
 */
export const auditChainCheckSchema = z.object({
  intact: z.boolean(),
  /** This organisation's entries covered by the check. */
  entriesChecked: z.number().int().nonnegative(),
  firstBroken: z.object({
    problem: z.enum(['altered', 'missing', 'broken_link', 'head_mismatch']),
    /** The entry, when it is one of this organisation's and still there; null otherwise. */
    entry: z.object({ cursor: z.string(), hash: z.string(), at: z.string(), action: z.string(), entityType: z.string() }).nullable(),
  }).nullable(),
  checkedAt: z.string(),
});
export type AuditChainCheck = z.infer<typeof auditChainCheckSchema>;
