import { z } from 'zod';
import { jsonValueSchema } from '../json-value.js';
import { evictionInputSchema } from './eviction.js';
import { incidentInputSchema } from './incident.js';
import { operationInputSchema } from './operation.js';
import { roundInputSchema } from './outreach-round.js';
import { siteInputSchema } from './site.js';
import { testimonyOfflineSchema } from './testimonies/testimony.js';

/**
 * What the phone's outbox sends. Every command has a client-generated id: replaying it is
 * harmless (same id + same content → same answer); reusing an id for other content is a
 * conflict. `baseVersion` is the version the observer edited (null for a new record): if the
 * record moved on meanwhile, the server keeps both versions and reports a conflict.
 */
const base = { commandId: z.uuid(), baseVersion: z.number().int().min(1).nullable() };

export const syncCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('operation.save'), record: operationInputSchema }),
  z.strictObject({ ...base, type: z.literal('eviction.save'), record: evictionInputSchema }),
  z.strictObject({ ...base, type: z.literal('eviction.submit'), record: z.strictObject({ id: z.uuid() }) }),
  z.strictObject({ ...base, type: z.literal('incident.save'), record: incidentInputSchema }),
  z.strictObject({ ...base, type: z.literal('site.save'), record: siteInputSchema }),
  // Recorded once, never edited from the phone: the phone forgets them when the server confirms.
  z.strictObject({ ...base, type: z.literal('round.save'), record: roundInputSchema }),
  z.strictObject({ ...base, type: z.literal('testimony.save'), record: testimonyOfflineSchema }),
]);
export type SyncCommand = z.infer<typeof syncCommandSchema>;

/**
 * The push envelope checks only what identifies each command; each command's content is then
 * validated on its own, so one bad record is reported as rejected without blocking the rest
 * of the outbox behind it.
 */
export const syncPushSchema = z.strictObject({
  commands: z.array(z.object({ commandId: z.uuid(), type: z.string().max(40) }).catchall(jsonValueSchema)).min(1).max(200),
});

/**
 * Why a command was not applied, in the phone's language. `details` are the error's own facts
 * (for a validation error, `fields`: one problem per field); they differ from one error code to
 * another, so they are typed as JSON, which is all they ever are once sent.
 */
export const syncErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), jsonValueSchema).optional() });
export type SyncError = z.infer<typeof syncErrorSchema>;

export const SYNC_STATUSES = ['applied', 'replayed', 'conflict', 'rejected'] as const;
export const syncResultSchema = z.object({
  commandId: z.uuid(),
  status: z.enum(SYNC_STATUSES),
  /** The record's version after the command (applied / replayed), or the server's (conflict). */
  version: z.number().int().nullable(),
  error: syncErrorSchema.nullable(),
});
export type SyncResult = z.infer<typeof syncResultSchema>;
