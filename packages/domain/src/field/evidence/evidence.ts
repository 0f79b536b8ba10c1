import { z } from 'zod';
import { EVIDENCE_KINDS } from './evidence-kinds.js';

/**
 * Evidence files (photos, videos, audio, documents) attached to an eviction or an incident.
 * The phone creates the upload with the SHA-256 it computed at capture, then sends the bytes
 * in chunks; the server checks the hash and the real type before anything is stored.
 */
export * from './evidence-kinds.js';
export * from './evidence-signatures.js';
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);

export const sha256HexSchema = z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/);

export const evidenceCreateSchema = z.strictObject({
  /** Generated on the phone, so a retried creation after a lost answer finds the same upload. */
  id: z.uuid(),
  evictionId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  /**
   * Optional: the server decides the kind from the declared type, then from the bytes
   * (evidence-kinds.ts `kindOfContent`). When given it must agree with the declared type.
   */
  kind: evidenceKindSchema.optional(),
  declaredType: z.string().trim().toLowerCase().min(3).max(100),
  originalName: z.string().trim().min(1).max(255),
  sizeBytes: z.number().int().positive(),
  /** Hex SHA-256 computed by the phone at capture: the start of the chain of custody. */
  sha256: sha256HexSchema,
  capturedAt: z.iso.datetime({ offset: true }).optional(),
  credit: z.string().trim().min(1).max(200).optional(),
}).refine((v) => v.evictionId !== undefined || v.incidentId !== undefined, {
  message: 'evictionId or incidentId is required', path: ['evictionId'],
});
export type EvidenceCreate = z.infer<typeof evidenceCreateSchema>;

export const evidenceStatusSchema = z.enum(['uploading', 'stored', 'rejected']);

export const evidenceViewSchema = z.object({
  id: z.uuid(),
  evictionId: z.uuid().nullable(),
  incidentId: z.uuid().nullable(),
  kind: evidenceKindSchema,
  declaredType: z.string(),
  detectedType: z.string().nullable(),
  originalName: z.string(),
  sizeBytes: z.number(),
  sha256Device: z.string(),
  sha256Received: z.string().nullable(),
  capturedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  gps: z.object({ latitude: z.number(), longitude: z.number(), altitude: z.number().nullable() }).nullable(),
  /** The whitelisted EXIF fields kept at intake (camera, lens, dates, size, orientation), each a text or a number. */
  exif: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  authorId: z.uuid(),
  status: evidenceStatusSchema,
  rejectionReason: z.string().nullable(),
  uploadOffset: z.number(),
  hasPublicCopy: z.boolean(),
  /** A photo whose publication copy (no metadata) the background job has not made yet. */
  publicCopyPending: z.boolean(),
  /** When the job failed its last try: no copy until someone with field.verify tries again. */
  publicCopyFailedAt: z.string().nullable(),
  publicCopySha256: z.string().nullable(),
  credit: z.string().nullable(),
  createdAt: z.string(),
});
export type EvidenceView = z.infer<typeof evidenceViewSchema>;

/** A photo whose publication copy failed for good, as the review page lists it. */
export const failedPublicCopySchema = z.object({
  id: z.uuid(), evictionId: z.uuid().nullable(), incidentId: z.uuid().nullable(), originalName: z.string(),
  detectedType: z.string().nullable(), capturedAt: z.string().nullable(), failedAt: z.string(),
});
export type FailedPublicCopyView = z.infer<typeof failedPublicCopySchema>;
