import { z } from 'zod';
import { emailSchema } from '../identity/schemas.js';

/**
 * Applications to a posting (issue 18): what a candidate sends from the public form, and the
 * recruiter's view with the pipeline stage, notes and ratings.
 */
import { APPLICATION_STAGES, type ApplicationStage } from './vocabulary.js';

/** A file as the public form sends it: its name and its bytes in base64 (5 MB at most once decoded). */
export const uploadedFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(4).max(7_100_000).regex(/^[A-Za-z0-9+/]+=*$/),
});

export const applicationSubmitSchema = z.strictObject({
  name: z.string().trim().min(1).max(160),
  email: emailSchema,
  message: z.string().trim().max(10_000).default(''),
  cv: uploadedFileSchema,
  letter: uploadedFileSchema.optional(),
});
export type ApplicationSubmit = z.infer<typeof applicationSubmitSchema>;

export const applicationFileViewSchema = z.object({
  id: z.uuid(), kind: z.enum(['cv', 'letter']), originalName: z.string(), detectedType: z.enum(['pdf', 'doc', 'docx', 'odt', 'pages']),
  sizeBytes: z.number(), extractionStatus: z.enum(['pending', 'done', 'no_text', 'failed']), extractionNote: z.string().nullable(),
});
export const applicationViewSchema = z.object({
  id: z.uuid(), postingId: z.uuid(), name: z.string(), email: z.string(), message: z.string(), stage: z.enum(APPLICATION_STAGES),
  submissions: z.number(), lastContactAt: z.string(), createdAt: z.string(), erasureRequestedAt: z.string().nullable(),
  files: z.array(applicationFileViewSchema),
  notes: z.array(z.object({ id: z.uuid(), author: z.string(), body: z.string(), createdAt: z.string() })),
  ratings: z.array(z.object({ reviewer: z.string(), score: z.number() })),
  averageRating: z.number().nullable(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const RETENTION_MONTHS = { afterLastContact: 24, afterErasureRequest: 3 } as const;

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * When a declined candidate's data goes (CNIL recruitment guidance): 24 months after the last
 * contact, or 3 months after they asked, whichever comes first. Others are not purged.
 */
export function purgeDueAt(a: { stage: ApplicationStage; lastContactAt: Date; erasureRequestedAt: Date | null },
  months: { afterLastContact: number; afterErasureRequest: number } = RETENTION_MONTHS): Date | null {
  if (a.stage !== 'declined') return null;
  const byContact = addMonths(a.lastContactAt, months.afterLastContact);
  if (!a.erasureRequestedAt) return byContact;
  const byRequest = addMonths(a.erasureRequestedAt, months.afterErasureRequest);
  return byRequest < byContact ? byRequest : byContact;
}
