import { z } from 'zod';

/**
 * Replies to candidates (issue 18): templates with placeholders, filled for one applicant and
 * sent through the mail pipeline. The placeholders are French words, as the recruiters write them.
 */
export const REPLY_PLACEHOLDERS = ['nom', 'offre', 'association'] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** The placeholders a text uses that are not known (a typo would otherwise go out as is). */
export function unknownPlaceholders(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((p) => !(REPLY_PLACEHOLDERS as readonly string[]).includes(p)))];
}

export function fillPlaceholders(text: string, values: Record<ReplyPlaceholder, string>): string {
  return text.replace(/\{\{\s*(nom|offre|association)\s*\}\}/g, (_, key: ReplyPlaceholder) => values[key]);
}

export const replyTemplateInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120), subject: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(10_000),
});
export type ReplyTemplateInput = z.infer<typeof replyTemplateInputSchema>;
export const replyTemplateViewSchema = z.object({ id: z.uuid(), name: z.string(), subject: z.string(), body: z.string(), updatedAt: z.string() });
export type ReplyTemplateView = z.infer<typeof replyTemplateViewSchema>;

/** A reply from a template (its text may be edited before sending) or written from scratch. */
export const applicationReplySchema = z.strictObject({
  templateId: z.uuid().nullable().default(null), subject: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(10_000),
});
export type ApplicationReply = z.infer<typeof applicationReplySchema>;
