import type { Selectable } from 'kysely';
import type { IncidentsTable, OperationsTable, SitesTable } from '../../platform/db/schema.js';

/** What the phone receives about operations, incidents and sites. Victims appear by pseudonym id only. */
export function presentOperation(o: Selectable<OperationsTable>) {
  return {
    id: o.id, areaId: o.area_id, date: o.date, startedAt: o.started_at.toISOString(), endedAt: o.ended_at?.toISOString() ?? null,
    operationType: o.operation_type, officerInCharge: o.officer_in_charge, authoritiesPresent: o.authorities_present,
    weatherAlert: o.weather_alert, observerIds: o.observer_ids, notes: o.notes, version: o.version, createdBy: o.created_by,
    updatedAt: o.updated_at.toISOString(),
  };
}

export function presentIncident(i: Selectable<IncidentsTable>) {
  return {
    id: i.id, evictionId: i.eviction_id, kind: i.kind, incidentType: i.incident_type, occurredAt: i.occurred_at.toISOString(),
    unit: i.unit, description: i.description, personIds: i.person_ids, version: i.version, createdBy: i.created_by,
  };
}

export function presentSite(s: Selectable<SitesTable>) {
  return {
    id: s.id, code: s.code, name: s.name, aliases: s.aliases, areaId: s.area_id, communeInsee: s.commune_insee,
    latitude: s.latitude, longitude: s.longitude, active: s.active, notes: s.notes, version: s.version,
  };
}
