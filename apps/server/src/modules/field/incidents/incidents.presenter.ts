import type { IncidentReviewView, IncidentView } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../../../platform/db/schema.js';

export interface Pseudonym { pseudonym: string; minor: boolean | null }
export interface EvidenceCounts { stored: number; uploading: number; rejected: number }

/**
 * An incident as it leaves the server: victims by pseudonym and age bracket only (identities are
 * read, with an audit entry, through the persons module by the roles allowed to).
 */
export function presentIncident(i: Selectable<IncidentsTable>, persons: ReadonlyMap<string, Pseudonym>): IncidentView {
  return {
    id: i.id, evictionId: i.eviction_id, kind: i.kind as IncidentView['kind'], incidentType: i.incident_type, occurredAt: i.occurred_at.toISOString(),
    unit: i.unit, description: i.description,
    victims: i.person_ids.map((id) => ({ id, pseudonym: persons.get(id)?.pseudonym ?? '?', minor: persons.get(id)?.minor ?? null })),
    version: i.version, createdBy: i.created_by, updatedAt: i.updated_at.toISOString(),
  };
}

/** An incident as a reviewer sees it: with how much evidence backs it. */
export function presentIncidentForReview(i: Selectable<IncidentsTable>, persons: ReadonlyMap<string, Pseudonym>, evidence: EvidenceCounts | undefined): IncidentReviewView {
  return { ...presentIncident(i, persons), evidence: evidence ?? { stored: 0, uploading: 0, rejected: 0 } };
}
