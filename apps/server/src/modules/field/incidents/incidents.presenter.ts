import type { IncidentInput, IncidentReviewView, IncidentView } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../../../platform/db/schema.js';

export interface Pseudonym { pseudonym: string; minor: boolean | null }
export interface EvidenceCounts { stored: number; uploading: number; rejected: number }

/**
 * An incident as it leaves the server: victims by pseudonym and age bracket only (identities are
 * read, with an audit entry, through the persons module by the roles allowed to).
 */
export function presentIncident(i: Selectable<IncidentsTable>, persons: ReadonlyMap<string, Pseudonym>, areaCodes: ReadonlyMap<string, string> = new Map()): IncidentView {
  const outside = i.eviction_id === null;
  return {
    id: i.id, evictionId: i.eviction_id, kind: i.kind as IncidentView['kind'], incidentType: i.incident_type, occurredAt: i.occurred_at.toISOString(),
    unit: i.unit, description: i.description,
    victims: i.person_ids.map((id) => ({ id, pseudonym: persons.get(id)?.pseudonym ?? '?', minor: persons.get(id)?.minor ?? null })),
    // Outside an eviction only: an eviction's incident has its eviction's site and state.
    areaCode: outside && i.area_id ? (areaCodes.get(i.area_id) ?? '?') : null, siteId: outside ? i.site_id : null, place: outside ? i.place : null,
    status: outside ? (i.status as IncidentView['status']) : null, rejectionReason: outside ? i.rejection_reason : null,
    version: i.version, createdBy: i.created_by, updatedAt: i.updated_at.toISOString(),
  };
}

/** What the phone sent, as kept in the history: the view without what only the server knows. */
export function incidentInputOf(v: IncidentView): IncidentInput {
  return {
    id: v.id, evictionId: v.evictionId, kind: v.kind, incidentType: v.incidentType, occurredAt: v.occurredAt, unit: v.unit, description: v.description,
    victims: v.victims, areaCode: v.areaCode, siteId: v.siteId, place: v.place,
  };
}

/** An incident as a reviewer sees it: with how much evidence backs it. */
export function presentIncidentForReview(i: Selectable<IncidentsTable>, persons: ReadonlyMap<string, Pseudonym>, evidence: EvidenceCounts | undefined, areaCodes?: ReadonlyMap<string, string>): IncidentReviewView {
  return { ...presentIncident(i, persons, areaCodes), evidence: evidence ?? { stored: 0, uploading: 0, rejected: 0 } };
}
