import type { PullScope } from '../sync/pull-scope.js';
import type { IncidentView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { changePage, type ChangePage } from '../../../platform/db/change-xid.js';
import { areaCodesOf, incidentsChangedSince, pseudonymsOf } from './incidents.queries.js';
import { presentIncident } from './incidents.presenter.js';

/** Incidents for a phone's pull; victims travel as the phone sent them (pseudonym, minor flag). */
export async function incidentChangesSince(db: Executor, since: number, limit: number, scope: PullScope): Promise<ChangePage<IncidentView>> {
  const rows = await incidentsChangedSince(db, since, limit, scope);
  const persons = new Map((await pseudonymsOf(db, [...new Set(rows.flatMap((i) => i.person_ids))])).map((p) => [p.id, p]));
  const areas = await areaCodesOf(db, rows.map((i) => i.area_id));
  return changePage(rows, limit, (list) => list.map((i) => presentIncident(i, persons, areas)));
}
