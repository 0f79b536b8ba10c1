import { z } from 'zod';

/** Lists a coordinator edits in the app; codes are stable, labels are bilingual. */
export const TAXONOMY_KINDS = [
  'item_type', 'structure_type', 'force_corps', 'vehicle_type', 'incident_type', 'obstruction_type', 'legal_basis_category',
  'operation_type',
] as const;
export const taxonomyKindSchema = z.enum(TAXONOMY_KINDS);
export type TaxonomyKind = z.infer<typeof taxonomyKindSchema>;

export const termCodeSchema = z.string().regex(/^[a-z0-9_]{1,40}$/);

export const taxonomyTermSchema = z.strictObject({
  kind: taxonomyKindSchema,
  code: termCodeSchema,
  labelFr: z.string().trim().min(1).max(120),
  labelEn: z.string().trim().min(1).max(120),
  sort: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
  /** The term of the same list this one is a part of ("tent_with_belongings" ⊂ "tent"), recorded under it. */
  partOf: termCodeSchema.nullable().default(null),
});
export type TaxonomyTerm = z.infer<typeof taxonomyTermSchema>;
