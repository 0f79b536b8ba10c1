import type { TaxonomyKind } from '@vigie/domain/rules';

/** As GET /api/taxonomies sends them: the domain's view types, never re-declared here. */
export type { TermView, AreaView, CommuneView, TaxonomiesView as Taxonomies } from '@vigie/domain/rules';

/** The order a coordinator meets the lists in: what is recorded most first. */
export const KINDS: readonly TaxonomyKind[] = [
  'item_type', 'structure_type', 'force_corps', 'vehicle_type', 'incident_type', 'obstruction_type', 'legal_basis_category', 'operation_type',
];

/** A stable code from a label: "Réchauds à gaz" → "rechauds_a_gaz" (what the server accepts). */
export function codeFromLabel(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}
