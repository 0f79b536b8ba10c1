import type { TaxonomyKind } from '@vigie/domain/rules';

/** As GET /api/taxonomies sends them. */
export interface TermView { kind: TaxonomyKind; code: string; labelFr: string; labelEn: string; sort: number; active: boolean }
export interface AreaView { id: string; code: string; name: string; active: boolean }
export interface CommuneView { inseeCode: string; name: string; areaId: string }
export interface Taxonomies { terms: TermView[]; areas: AreaView[]; communes: CommuneView[] }

/** The order a coordinator meets the lists in: what is recorded most first. */
export const KINDS: readonly TaxonomyKind[] = [
  'item_type', 'structure_type', 'force_corps', 'vehicle_type', 'incident_type', 'obstruction_type', 'legal_basis_category', 'operation_type',
];

/** A stable code from a label: "Réchauds à gaz" → "rechauds_a_gaz" (what the server accepts). */
export function codeFromLabel(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}
