import { z } from 'zod';
import { ROLES } from '../identity/roles.js';
import { loanViewSchema } from './equipment.js';

/**
 * Onboarding and offboarding checklists (issue 18, item 6): ticked per person, started from the
 * organisation's templates (per kind and role, below). The default templates' tasks carry a code
 * (`account_given`, `equipment_returned`…) translated on screen; they are written into the
 * organisation's templates on first use (`DEFAULT_CHECKLIST_TASKS`), where a coordinator edits them.
 */
export const CHECKLIST_KINDS = ['onboarding', 'offboarding'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

/**
 * One line of a person's checklist. `item` is the fixed item's code (translated on screen) for the
 * default tasks and the rows started before templates; `label` is the template task's own text
 * (French first). `dueOn` (a Europe/Paris day) and the assignee come from the template; rows started
 * before templates have none.
 */
export const checklistItemViewSchema = z.object({
  id: z.uuid(), item: z.string().nullable(), label: z.string().nullable(), done: z.boolean(), doneAt: z.string().nullable(), doneBy: z.string().nullable(),
  dueOn: z.string().nullable(), overdue: z.boolean(), assigneeRole: z.enum(ROLES).nullable(), assignee: z.string().nullable(),
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
/** Starting a checklist: the arrival (onboarding) or departure (offboarding) day, else the internship's, else today. */
export const checklistStartSchema = z.strictObject({ kind: z.enum(CHECKLIST_KINDS), date: z.iso.date().optional() });

/**
 * Checklist templates per role (issue 18, item 6): per kind and role (null: any role), tasks at a
 * day relative to the arrival (onboarding) or departure (offboarding): negative before, 0 the day
 * itself, 7 a week after. The service checks labels, days and roles with its own messages.
 */
export const CHECKLIST_DAY_LIMIT = 365;
export const checklistTemplateTaskInputSchema = z.strictObject({
  id: z.uuid().optional(), label: z.string().max(200), relativeDay: z.number().int(), assigneeRole: z.string().max(40).nullable(), active: z.boolean().default(true),
});
export const checklistTemplateInputSchema = z.strictObject({
  kind: z.enum(CHECKLIST_KINDS), role: z.string().max(40).nullable(), name: z.string().max(120), active: z.boolean().default(true),
  tasks: z.array(checklistTemplateTaskInputSchema).max(100),
});
export type ChecklistTemplateInput = z.input<typeof checklistTemplateInputSchema>;
export const checklistTemplateTaskViewSchema = z.object({
  id: z.uuid(), code: z.string().nullable(), label: z.string(), relativeDay: z.number().int(), assigneeRole: z.enum(ROLES).nullable(), active: z.boolean(),
});
export const checklistTemplateViewSchema = z.object({
  id: z.uuid(), kind: z.enum(CHECKLIST_KINDS), role: z.enum(ROLES).nullable(), name: z.string(), active: z.boolean(), isDefault: z.boolean(),
  tasks: z.array(checklistTemplateTaskViewSchema),
});
export type ChecklistTemplateView = z.infer<typeof checklistTemplateViewSchema>;
export const checklistTemplatesViewSchema = z.object({ templates: z.array(checklistTemplateViewSchema) });
export type ChecklistTemplatesView = z.infer<typeof checklistTemplatesViewSchema>;

/** The default templates' tasks: the fixed items of before, with their French label, day and assignee. */
export const DEFAULT_CHECKLIST_TASKS: Record<ChecklistKind, ReadonlyArray<{ code: string; label: string; relativeDay: number; assigneeRole: 'admin' | 'coordinator' }>> = {
  onboarding: [
    { code: 'account_given', label: 'Compte créé et remis', relativeDay: -2, assigneeRole: 'admin' },
    { code: 'charter_signed', label: 'Charte signée', relativeDay: 0, assigneeRole: 'coordinator' },
    { code: 'keys_lent', label: 'Clés prêtées (formulaire signé)', relativeDay: 0, assigneeRole: 'coordinator' },
    { code: 'equipment_lent', label: 'Matériel prêté (téléphone, etc.)', relativeDay: 0, assigneeRole: 'coordinator' },
    { code: 'training_done', label: 'Formation faite', relativeDay: 7, assigneeRole: 'coordinator' },
  ],
  offboarding: [
    { code: 'equipment_returned', label: 'Matériel et clés rendus', relativeDay: 0, assigneeRole: 'coordinator' },
    { code: 'account_revoked', label: 'Compte fermé', relativeDay: 0, assigneeRole: 'admin' },
    { code: 'data_access_removed', label: 'Accès aux données retirés', relativeDay: 0, assigneeRole: 'admin' },
  ],
};

/** The arrivals and departures list: people with an active account, or the former ones. */
export const PEOPLE_STATES = ['active', 'former'] as const;
export const peopleQuerySchema = z.strictObject({ state: z.enum(PEOPLE_STATES).default('active') });
export const personListItemSchema = z.object({ id: z.uuid(), displayName: z.string(), active: z.boolean() });
export type PersonListItem = z.infer<typeof personListItemSchema>;
