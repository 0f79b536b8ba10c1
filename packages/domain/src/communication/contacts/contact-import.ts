import { z } from 'zod';

/**
 * Contacts in and out as CSV: the import's options and row-by-row report (a dry run first,
 * then the same file committed), and the merge of two duplicate contacts.
 */
export const CONTACT_IMPORT_OUTCOMES = ['create', 'update', 'duplicate_in_file', 'problem'] as const;
export type ContactImportOutcome = (typeof CONTACT_IMPORT_OUTCOMES)[number];

export const contactImportQuerySchema = z.object({
  /** A static list every imported contact joins; consent stated in the file is recorded for it. */
  listId: z.uuid().optional(),
});
export type ContactImportQuery = z.infer<typeof contactImportQuerySchema>;

const importProblemView = z.object({ column: z.string(), code: z.string(), value: z.string(), message: z.string() });
export const contactImportReportSchema = z.object({
  rowCount: z.number().int(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  counts: z.object({ create: z.number().int(), update: z.number().int(), duplicate_in_file: z.number().int(), problem: z.number().int(), consents: z.number().int() }),
  rows: z.array(z.object({
    line: z.number().int(), displayName: z.string(), email: z.string().nullable(), outcome: z.enum(CONTACT_IMPORT_OUTCOMES),
    matchedId: z.uuid().nullable(), matchedName: z.string().nullable(), sameAsLine: z.number().int().nullable(), consent: z.boolean(),
    problems: z.array(importProblemView),
  })),
  committed: z.boolean(),
});
export type ContactImportReport = z.infer<typeof contactImportReportSchema>;

export const contactMergeInputSchema = z.strictObject({
  /** The duplicate: everything it holds moves to the contact kept, then it is deleted. */
  duplicateId: z.uuid(),
});
