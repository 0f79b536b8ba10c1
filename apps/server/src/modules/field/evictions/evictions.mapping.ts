import { COUNT_FIELDS, parisDate, type Count, type CountField, type EvictionInput } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { EvictionsTable } from '../../../platform/db/schema.js';

/** Count fields of the input and their column pair in `evictions`. */
const COLUMNS: Record<CountField, { n: keyof EvictionsTable; atLeast: keyof EvictionsTable }> = {
  personsEvicted: { n: 'persons_evicted', atLeast: 'persons_evicted_at_least' },
  women: { n: 'women', atLeast: 'women_at_least' },
  children: { n: 'children', atLeast: 'children_at_least' },
  families: { n: 'families', atLeast: 'families_at_least' },
  unaccompaniedMinors: { n: 'unaccompanied_minors', atLeast: 'unaccompanied_minors_at_least' },
  arrests: { n: 'arrests', atLeast: 'arrests_at_least' },
  arrestsWithViolence: { n: 'arrests_with_violence', atLeast: 'arrests_with_violence_at_least' },
  idChecks: { n: 'id_checks', atLeast: 'id_checks_at_least' },
  shelterAccepted: { n: 'shelter_accepted', atLeast: 'shelter_accepted_at_least' },
};

export type EvictionRow = Selectable<EvictionsTable>;
export type Tallies = { seized: EvictionInput['seized']; destroyed: EvictionInput['destroyed'] };

export function evictionColumns(e: EvictionInput) {
  const counts: Record<string, number | boolean | null> = {};
  for (const field of COUNT_FIELDS) {
    const c = e.counts[field];
    counts[COLUMNS[field].n] = c ? c.n : null;
    counts[COLUMNS[field].atLeast] = c ? c.atLeast : true;
  }
  return {
    operation_id: e.operationId,
    site_id: e.siteId,
    date: parisDate(e.arrivedAt),
    arrived_at: new Date(e.arrivedAt),
    left_at: e.leftAt ? new Date(e.leftAt) : null,
    coverage: e.coverage,
    quick: e.quick,
    ...counts,
    legal_basis_text: e.legalBasisText,
    legal_basis_category: e.legalBasisCategory,
    interpreter: e.interpreter,
    bailiff: e.bailiff,
    cleaning_company: e.cleaningCompany,
    social_assessment: e.socialAssessment,
    shelter_offered: e.shelterOffered,
    food_distribution: e.foodDistribution,
    people_moving_back: e.peopleMovingBack,
    forces: JSON.stringify(e.forces),
    notes: JSON.stringify(e.notes),
  };
}

export function evictionInputFromRow(r: EvictionRow, tallies: Tallies): EvictionInput {
  const counts = {} as Record<CountField, Count | null>;
  for (const field of COUNT_FIELDS) {
    const n = r[COLUMNS[field].n] as number | null;
    counts[field] = n === null ? null : { n, atLeast: r[COLUMNS[field].atLeast] as boolean };
  }
  return {
    id: r.id,
    operationId: r.operation_id,
    siteId: r.site_id,
    arrivedAt: r.arrived_at.toISOString(),
    leftAt: r.left_at ? r.left_at.toISOString() : null,
    coverage: r.coverage as EvictionInput['coverage'],
    quick: r.quick,
    counts,
    seized: tallies.seized,
    destroyed: tallies.destroyed,
    legalBasisText: r.legal_basis_text,
    legalBasisCategory: r.legal_basis_category,
    interpreter: r.interpreter as EvictionInput['interpreter'],
    bailiff: r.bailiff,
    cleaningCompany: r.cleaning_company,
    socialAssessment: r.social_assessment,
    shelterOffered: r.shelter_offered,
    foodDistribution: r.food_distribution,
    peopleMovingBack: r.people_moving_back,
    forces: r.forces as EvictionInput['forces'],
    notes: r.notes as EvictionInput['notes'],
  };
}
