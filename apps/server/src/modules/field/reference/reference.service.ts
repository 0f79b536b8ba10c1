import type { ReferenceView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { coObserverCandidates } from '../operations/co-observers.js';

/** Everything the capture app caches to work with no network: areas, communes, lists, the colleagues who may co-observe. */
export async function readReference(ctx: AppContext, actor: Actor): Promise<ReferenceView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const lists = await referenceLists(trx);
    return { ...lists, members: await coObserverCandidates(trx) };
  });
}
