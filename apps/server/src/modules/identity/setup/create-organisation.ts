import { organisationCreateSchema, type InvitationView, type OrganisationCreate } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError, type ErrorCode } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { seedOrganisationDefaults } from '../../field/taxonomies/seed-defaults.js';
import { inviteFirstAdministrator } from '../invitations/invitations.service.js';
import { insertOrganisation, slugInUse } from './setup.queries.js';

export type CreatedOrganisation = { organisationId: string; name: string; slug: string; invitation: InvitationView; link: string };

const FIELD_ERROR: Record<string, ErrorCode> = {
  name: 'organisation.name_invalid', slug: 'organisation.slug_invalid', email: 'organisation.email_invalid',
};

/** The command's input checked before anything is opened: the first field at fault, in the catalogue's words. */
export function checkOrganisationInput(raw: { name?: unknown; slug?: unknown; email?: unknown }): OrganisationCreate {
  const parsed = organisationCreateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
  throw new AppError(FIELD_ERROR[field] ?? 'organisation.name_invalid', { value: String((raw as Record<string, unknown>)[field] ?? '') });
}

/**
 * Another organisation in the same deployment (`npx vigie organisation create`), run by the
 * deployment's operator with the server's own database connection: in one transaction, the
 * organisation with the same areas, lists and settings the first one gets at set-up, and an
 * invitation for its first administrator, whose link is returned to be handed over. Row-level
 * security keeps each organisation's records apart (docs/adr/0004).
 */
export async function createOrganisation(
  db: Db, config: Pick<Config, 'publicUrl' | 'invitationTtlHours'>, raw: { name?: unknown; slug?: unknown; email?: unknown },
): Promise<CreatedOrganisation> {
  const input = checkOrganisationInput(raw);
  try {
    return await inSystemTransaction(db, async (trx) => {
      if (await slugInUse(trx, input.slug)) throw new AppError('organisation.slug_taken', { slug: input.slug });
      const organisationId = await insertOrganisation(trx, input.name, input.slug);
      await seedOrganisationDefaults(trx, organisationId);
      await recordAudit(trx, {
        organisationId, actorId: null, action: 'organisation.created', entityType: 'organisation', entityId: organisationId,
        after: { organisation: { name: input.name, slug: input.slug } }, context: { source: 'cli' },
      });
      const { invitation, link } = await inviteFirstAdministrator(trx, config, { organisationId, email: input.email });
      return { organisationId, name: input.name, slug: input.slug, invitation, link };
    });
  } catch (err) {
    // Two creations with the same address at once: the second meets the unique index.
    if ((err as { code?: string }).code === '23505' && /slug/.test(String((err as { constraint?: string }).constraint ?? (err as Error).message))) {
      throw new AppError('organisation.slug_taken', { slug: input.slug });
    }
    throw err;
  }
}
