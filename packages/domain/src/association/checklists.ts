import { z } from 'zod';
import { loanViewSchema } from './equipment.js';

/**
 * Onboarding and offboarding checklists (issue 18, item 6): a fixed template per kind, ticked per
 * person. Checklist items, not projects: a few lines a coordinator ticks on the person's page.
 */
export const CHECKLIST_KINDS = ['onboarding', 'offboarding'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];
export const CHECKLIST_TEMPLATES = {
  onboarding: ['account_given', 'charter_signed', 'keys_lent', 'equipment_lent', 'training_done'],
  offboarding: ['equipment_returned', 'account_revoked', 'data_access_removed'],
} as const satisfies Record<ChecklistKind, readonly string[]>;

export const checklistItemViewSchema = z.object({
  id: z.uuid(), item: z.string(), done: z.boolean(), doneAt: z.string().nullable(), doneBy: z.string().nullable(),
});
export const personChecklistsViewSchema = z.object({
  person: z.object({ id: z.uuid(), displayName: z.string() }),
  checklists: z.array(z.object({ kind: z.enum(CHECKLIST_KINDS), items: z.array(checklistItemViewSchema) })),
  /** What the person still holds (the house's loans): offboarding cannot say "returned" while this is not empty. */
  openLoans: z.array(loanViewSchema),
});
export type PersonChecklistsView = z.infer<typeof personChecklistsViewSchema>;
export const checklistTickSchema = z.strictObject({ done: z.boolean() });
