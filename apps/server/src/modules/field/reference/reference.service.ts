import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { activeMembers } from './reference.queries.js';

/** Everything the capture app caches to work with no network: areas, communes, lists, colleagues. */
export async function readReference(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const lists = await referenceLists(trx);
    const members = await activeMembers(trx);
    return { ...lists, members: members.map((m) => ({ id: m.id, displayName: m.display_name })) };
  });
}
