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
  /** `active` false: the account is deactivated (a former member); the page still opens, offboarding goes on after the account is closed. */
  person: z.object({ id: z.uuid(), displayName: z.string(), active: z.boolean() }),
  checklists: z.array(z.object({ kind: z.enum(CHECKLIST_KINDS), items: z.array(checklistItemViewSchema) })),
  /** What the person still holds (the house's loans): offboarding cannot say "returned" while this is not empty. */
  openLoans: z.array(loanViewSchema),
});
export type PersonChecklistsView = z.infer<typeof personChecklistsViewSchema>;
export const checklistTickSchema = z.strictObject({ done: z.boolean() });

/** The arrivals and departures list: people with an active account, or the former ones. */
export const PEOPLE_STATES = ['active', 'former'] as const;
export const peopleQuerySchema = z.strictObject({ state: z.enum(PEOPLE_STATES).default('active') });
export const personListItemSchema = z.object({ id: z.uuid(), displayName: z.string(), active: z.boolean() });
export type PersonListItem = z.infer<typeof personListItemSchema>;
