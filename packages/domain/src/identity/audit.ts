import { z } from 'zod';

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
  before: z.json(),
  after: z.json(),
  context: z.json(),
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
