import { checkProfile, type ProfileCreate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { presentProfile } from './research.presenter.js';
import { insertProfile, listProfiles } from './research.queries.js';

/**
 * Anonymisation profiles are versioned: saving a profile under an existing name makes the next
 * version, and releases keep pointing at the version they were made with.
 */
export async function saveProfile(ctx: AppContext, actor: Actor, input: ProfileCreate, ip: string) {
  const definition = { dateLevel: input.dateLevel, placeLevel: input.placeLevel, measures: input.measures, k: input.k, hxl: input.hxl };
  const problem = checkProfile(definition);
  if (problem) throw new AppError(problem.code, 'field' in problem ? { field: problem.field } : 'min' in problem ? { min: problem.min } : {});
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertProfile(trx, { organisationId: actor.organisationId, name: input.name, definition, createdBy: actor.userId });
    const view = presentProfile(row);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.profile_saved', entityType: 'research_profile', entityId: row.id, after: view, context: { ip },
    });
    return view;
  });
}

export async function profilesOf(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listProfiles(trx)).map(presentProfile));
}
