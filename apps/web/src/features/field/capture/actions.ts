import type { EvictionInput, OperationInput } from '@vigie/domain/rules';
import { getAll } from '../../../offline/db';
import { newId, saveEviction, saveOperation } from '../../../offline/store';
import type { LocalSite } from '../../../offline/types';
import { latest, newEviction } from './prefill';

export async function startOperation(areaId: string, observerId: string): Promise<OperationInput> {
  const record: OperationInput = {
    id: newId(), areaId, startedAt: new Date().toISOString(), endedAt: null, operationType: null, officerInCharge: null,
    authoritiesPresent: null, weatherAlert: null, observerIds: [observerId], notes: null,
  };
  await saveOperation(record);
  return record;
}

/** Creates the eviction of `site` within the operation, prefilled from the site's last one. */
export async function addEviction(operationId: string, site: LocalSite, quick: boolean): Promise<EvictionInput> {
  const all = await getAll('evictions');
  const prevSite = latest(all, (e) => e.siteId === site.id);
  const prevOp = latest(all, (e) => e.operationId === operationId);
  const { record, suggestions } = newEviction({
    id: newId(), operationId, siteId: site.id, now: new Date(), quick,
    previousAtSite: prevSite?.record ?? null, previousInOperation: prevOp?.record ?? null,
  });
  await saveEviction(record, {
    suggestions,
    prefilledFrom: prevSite ? { evictionId: prevSite.id, arrivedAt: prevSite.record.arrivedAt } : null,
    status: 'draft',
  });
  return record;
}
