import type { OperationView } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { OperationsTable } from '../../../platform/db/schema.js';

/** The whitelist of what leaves the server about an operation. */
export function presentOperation(o: Selectable<OperationsTable>): OperationView {
  return {
    id: o.id, areaId: o.area_id, date: o.date, startedAt: o.started_at.toISOString(), endedAt: o.ended_at?.toISOString() ?? null,
    operationType: o.operation_type, officerInCharge: o.officer_in_charge, authoritiesPresent: o.authorities_present,
    weatherAlert: o.weather_alert, observerIds: o.observer_ids, notes: o.notes, version: o.version, createdBy: o.created_by,
    updatedAt: o.updated_at.toISOString(),
  };
}
