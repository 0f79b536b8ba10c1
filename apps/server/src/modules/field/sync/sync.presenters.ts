import type { Selectable } from 'kysely';
import type { IncidentsTable, OperationsTable, SitesTable } from '../../../platform/db/schema.js';

/** What the phone receives about operations, incidents and sites. Victims appear by pseudonym id only. */
export function presentOperation(o: Selectable<OperationsTable>) {
  return {
    id: o.id, areaId: o.area_id, date: o.date, startedAt: o.started_at.toISOString(), endedAt: o.ended_at?.toISOString() ?? null,
    operationType: o.operation_type, officerInCharge: o.officer_in_charge, authoritiesPresent: o.authorities_present,
    weatherAlert: o.weather_alert, observerIds: o.observer_ids, notes: o.notes, version: o.version, createdBy: o.created_by,
    updatedAt: o.updated_at.toISOString(),
  };
}

/** Victims travel as the phone sent them: pseudonym and minor flag, never an identity. */
export function presentIncident(i: Selectable<IncidentsTable>, persons: Map<string, { pseudonym: string; minor: boolean | null }>) {
  return {
    id: i.id, evictionId: i.eviction_id, kind: i.kind, incidentType: i.incident_type, occurredAt: i.occurred_at.toISOString(),
    unit: i.unit, description: i.description,
    victims: i.person_ids.map((id) => ({ id, pseudonym: persons.get(id)?.pseudonym ?? '?', minor: persons.get(id)?.minor ?? null })),
    version: i.version, createdBy: i.created_by, updatedAt: i.updated_at.toISOString(),
  };
}

export function presentSite(s: Selectable<SitesTable>) {
  return {
    id: s.id, code: s.code, name: s.name, aliases: s.aliases, areaId: s.area_id, communeInsee: s.commune_insee,
    latitude: s.latitude, longitude: s.longitude, active: s.active, notes: s.notes, version: s.version,
    updatedAt: s.updated_at.toISOString(),
  };
}
