import { z } from 'zod';
import { taxonomyKindSchema } from './taxonomy.js';

/**
 * The reference lists as they cross HTTP: the taxonomy screen's terms, areas and communes
 * (`GET /api/taxonomies`), and what a phone caches to record with no network
 * (`GET /api/field/reference`: active areas, communes, terms and the colleagues who may
 * co-observe). The web imports only the types (`@vigie/domain/rules`), so zod stays out of the
 * capture bundle.
 */
export const termViewSchema = z.object({
  kind: taxonomyKindSchema, code: z.string(), labelFr: z.string(), labelEn: z.string(), sort: z.number(), active: z.boolean(),
  /** The whole this term is a part of (recorded under it, "dont N"), or null. */
  partOf: z.string().nullable(),
});
export type TermView = z.infer<typeof termViewSchema>;

export const areaViewSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), active: z.boolean() });
export type AreaView = z.infer<typeof areaViewSchema>;

export const communeViewSchema = z.object({ inseeCode: z.string(), name: z.string(), areaId: z.uuid() });
export type CommuneView = z.infer<typeof communeViewSchema>;

export const taxonomiesViewSchema = z.object({ terms: z.array(termViewSchema), areas: z.array(areaViewSchema), communes: z.array(communeViewSchema) });
export type TaxonomiesView = z.infer<typeof taxonomiesViewSchema>;

/** An area as a phone caches it: only active ones are sent, so no `active`. */
export const referenceAreaSchema = areaViewSchema.omit({ active: true });
export type ReferenceArea = z.infer<typeof referenceAreaSchema>;

/** A colleague the phone's team list offers as co-observer. */
export const referenceMemberSchema = z.object({ id: z.uuid(), displayName: z.string() });
export type ReferenceMember = z.infer<typeof referenceMemberSchema>;

export const referenceViewSchema = z.object({
  areas: z.array(referenceAreaSchema),
  communes: z.array(communeViewSchema),
  terms: z.array(termViewSchema),
  members: z.array(referenceMemberSchema),
});
export type ReferenceView = z.infer<typeof referenceViewSchema>;
