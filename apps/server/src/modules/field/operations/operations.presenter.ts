import type { OperationTimelineEntry, OperationView } from '@vigie/domain';
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

/** The operation's events in time order: start, each eviction's arrival and departure, each incident, end. */
export function operationTimeline(
  o: Selectable<OperationsTable>,
  evictions: ReadonlyArray<{ id: string; arrivedAt: string; leftAt: string | null; site: { id: string; code: string; name: string } }>,
  incidents: ReadonlyArray<{ id: string; evictionId: string | null; kind: string; incidentType: string; occurredAt: string }>,
): OperationTimelineEntry[] {
  const none = { evictionId: null, incidentId: null, site: null, incidentKind: null, incidentType: null };
  const siteOf = new Map(evictions.map((e) => [e.id, e.site]));
  const entries: OperationTimelineEntry[] = [
    { ...none, at: o.started_at.toISOString(), event: 'operation_started' },
    ...evictions.flatMap((e) => [
      { ...none, at: e.arrivedAt, event: 'eviction_arrived' as const, evictionId: e.id, site: e.site },
      ...(e.leftAt ? [{ ...none, at: e.leftAt, event: 'eviction_left' as const, evictionId: e.id, site: e.site }] : []),
    ]),
    ...incidents.map((i) => ({
      ...none, at: i.occurredAt, event: 'incident' as const, evictionId: i.evictionId, incidentId: i.id,
      site: (i.evictionId && siteOf.get(i.evictionId)) || null, incidentKind: i.kind, incidentType: i.incidentType,
    })),
    ...(o.ended_at ? [{ ...none, at: o.ended_at.toISOString(), event: 'operation_ended' as const }] : []),
  ];
  // Stable: equal times keep the order above (an arrival before the incident at the same minute).
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => Date.parse(a.at) - Date.parse(b.at) || i - j).map(([e]) => e);
}
