/** Words of the house (issue 19: equipment, keys and signed loans), without zod so the web bundle can import them. */
export const EQUIPMENT_KINDS = ['field_phone', 'laptop', 'camera', 'power_bank', 'vehicle', 'keys', 'bed', 'kit', 'other'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];
export const EQUIPMENT_STATES = ['good', 'worn', 'damaged', 'lost', 'retired'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];
/** How an item comes back (a retired item is not lent). */
export const RETURN_STATES = ['good', 'worn', 'damaged', 'lost'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];

/** The conditions printed on the loan form unless the lender writes others. */
export const DEFAULT_LOAN_CONDITIONS_FR =
  "Le matériel ci-dessus est mis à disposition de l'emprunteur·se pour les seules activités de l'association. "
  + "Il reste la propriété de l'association, ne peut être prêté à un tiers et doit être rendu à la date prévue ou à la première demande, "
  + "et au plus tard au départ de l'emprunteur·se. Toute perte, vol ou casse est signalé sans délai à la coordination. "
  + "Un téléphone de terrain est rendu après l'envoi de toutes ses observations et photos : il ne contient plus aucune donnée.";

/** A drawn signature with fewer inked pixels than this is taken for an empty pad (a tap, a dot). */
export const MIN_SIGNATURE_INK_PIXELS = 40;

/** Overdue on `today` (Paris calendar date): due before today and not back. */
export function isOverdue(loan: { dueOn: string | null; returnedAt: string | null }, today: string): boolean {
  return loan.returnedAt === null && loan.dueOn !== null && loan.dueOn < today;
}

/** Task boards (issue 19): one per pole, three columns; a task may point to a decision, a campaign, a legal case or a person's arrival/departure checklist. */
export const TASK_POLES = ['field', 'legal', 'communication', 'association'] as const;
export type TaskPole = (typeof TASK_POLES)[number];
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_LINK_KINDS = ['decision', 'campaign', 'case', 'checklist'] as const;
export type TaskLinkKind = (typeof TASK_LINK_KINDS)[number];

export const taskLinkPath = (kind: TaskLinkKind | 'meeting', id: string) => ({
  decision: '/association/decisions', campaign: `/communication/campaigns/${id}`, case: `/legal/cases/${id}`, meeting: `/association/meetings/${id}`,
  // A checklist link carries the person's id: their page holds both of their checklists.
  checklist: `/association/people/${id}`,
})[kind];
