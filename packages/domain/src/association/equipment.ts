import { z } from 'zod';
import { EQUIPMENT_KINDS, EQUIPMENT_STATES, RETURN_STATES } from './house-vocabulary.js';

/**
 * The house (issue 19): the inventory and the loans signed on the screen. A signature is drawn
 * with a finger (a PNG, base64) or, for those who cannot draw, typed; at least one is required.
 */
const text = (max: number) => z.string().trim().max(max);

export const equipmentInputSchema = z.strictObject({
  kind: z.enum(EQUIPMENT_KINDS),
  label: text(120).min(1),
  identifier: text(120).nullable().default(null),
  state: z.enum(EQUIPMENT_STATES).default('good'),
  location: text(120).default(''),
  notes: text(2000).default(''),
  deviceId: z.uuid().nullable().default(null),
});
export type EquipmentInput = z.infer<typeof equipmentInputSchema>;

export const equipmentViewSchema = z.object({
  id: z.uuid(), kind: z.enum(EQUIPMENT_KINDS), label: z.string(), identifier: z.string().nullable(), state: z.enum(EQUIPMENT_STATES),
  location: z.string(), notes: z.string(), deviceId: z.string().nullable(),
  /** The open loan holding it, if any. */
  out: z.object({ loanId: z.uuid(), borrowerId: z.uuid(), borrowerName: z.string(), since: z.string(), dueOn: z.string().nullable() }).nullable(),
});
export type EquipmentView = z.infer<typeof equipmentViewSchema>;

/** ~300 KB of PNG at most: a signature pad on a phone makes 10–40 KB. */
export const signatureSchema = z.strictObject({
  drawnPng: z.string().max(400_000).regex(/^[A-Za-z0-9+/]+=*$/).nullable().default(null),
  typedName: text(120).nullable().default(null),
});
export type SignatureInput = z.infer<typeof signatureSchema>;

export const loanHandOverSchema = z.strictObject({
  borrowerId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1).max(30),
  dueOn: z.iso.date().nullable().default(null),
  conditions: text(4000).nullable().default(null),
  /** When the items changed hands; now when omitted. */
  at: z.iso.datetime({ offset: true }).nullable().default(null),
  borrowerSignature: signatureSchema,
  lenderSignature: signatureSchema.nullable().default(null),
});
export type LoanHandOver = z.infer<typeof loanHandOverSchema>;

export const loanReturnSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }).nullable().default(null),
  notes: text(2000).default(''),
  states: z.array(z.strictObject({ itemId: z.uuid(), state: z.enum(RETURN_STATES) })).max(30).default([]),
  borrowerSignature: signatureSchema,
  lenderSignature: signatureSchema.nullable().default(null),
});
export type LoanReturn = z.infer<typeof loanReturnSchema>;

export const loanViewSchema = z.object({
  id: z.uuid(), borrowerId: z.uuid(), borrowerName: z.string(), lenderId: z.uuid(), lenderName: z.string(),
  outAt: z.string(), dueOn: z.string().nullable(), conditions: z.string(), returnedAt: z.string().nullable(), returnNotes: z.string().nullable(),
  overdue: z.boolean(),
  items: z.array(z.object({ id: z.uuid(), kind: z.enum(EQUIPMENT_KINDS), label: z.string(), identifier: z.string().nullable(), stateOnReturn: z.enum(RETURN_STATES).nullable() })),
  documents: z.array(z.object({ kind: z.enum(['out', 'in']), sha256: z.string(), url: z.string() })),
});
export type LoanView = z.infer<typeof loanViewSchema>;

/** Someone things can be lent to: the organisation's active members. */
export const housePersonSchema = z.object({ id: z.uuid(), displayName: z.string() });
export type HousePerson = z.infer<typeof housePersonSchema>;
