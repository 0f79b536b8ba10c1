import { canInviteRole, grantsIdentities, type Role } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Config } from '../../../config.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { hashPassword } from '../../../platform/auth/passwords.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { translate } from '../../../platform/errors/messages.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { queueOneMail, SECRET_SLOT } from '../../communication/mailings/mail-pipeline.js';
import { openSession } from '../auth/sessions.js';
import { invitationGrantStatus, requestIdentityGrant, withdrawIdentityGrants } from '../grants/grants.service.js';
import { auditUser } from '../users/users.presenter.js';
import { findUserByEmail, insertUser } from '../users/user-accounts.js';
import { invitationStatus, presentInvitation } from './invitations.presenter.js';
import {
  findInvitationByTokenHash, insertInvitation, inviterRolesOf, pendingInviterRolesTo, listInvitations, markInvitationAccepted, revokeInvitation, revokePendingInvitationsTo,
} from './invitations.queries.js';

const STATUS_ERROR = { accepted: 'invitation.used', revoked: 'invitation.revoked', expired: 'invitation.expired' } as const;

export async function inviteUser(ctx: AppContext, actor: Actor, input: { email: string; role: Role }, ip: string) {
  if (!canInviteRole(actor.roles, input.role)) throw new AppError('auth.forbidden');
  // Accounts are unique across the deployment, so this check looks beyond the organisation.
  if (await findUserByEmail(ctx.db, input.email)) throw new AppError('user.email_taken');
  const token = randomToken();
  const link = `${ctx.config.publicUrl}/invitation?token=${token}`;
  const expiresAt = new Date(Date.now() + ctx.config.invitationTtlHours * 3_600_000);
  const invitation = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    // Re-inviting the address would replace (and so could downgrade) an administrator's invitation.
    if (!actor.roles.includes('admin') && (await pendingInviterRolesTo(trx, input.email)).includes('admin')) throw new AppError('auth.forbidden');
    for (const replaced of await revokePendingInvitationsTo(trx, input.email)) {
      await withdrawIdentityGrants(trx, actor, { invitationId: replaced.id }, ip);
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'invitation.revoked', entityType: 'invitation',
        entityId: replaced.id, after: presentInvitation(replaced), context: { ip, reason: 'replaced' },
      });
    }
    const row = await insertInvitation(trx, {
      organisationId: actor.organisationId, email: input.email, role: input.role, tokenHash: sha256Hex(token),
      invitedBy: actor.userId, expiresAt,
    });
    // Access to identities is given by two people: the link works once someone else confirms.
    const grant = grantsIdentities([], input.role)
      ? await requestIdentityGrant(trx, actor, { invitationId: row.id, email: input.email }, [input.role], ip) : null;
    const locale = actor.locale;
    // Through the one pipeline as account mail; the link is sealed until the mail has left.
    await queueOneMail(trx, ctx, {
      organisationId: actor.organisationId, purpose: 'account', to: input.email, createdBy: actor.userId, secret: link,
      subject: translate('mail.invitation.subject', locale, { organisation: actor.organisationName }),
      text: translate('mail.invitation.body', locale, {
        inviter: actor.displayName, organisation: actor.organisationName, role: translate(`role.${input.role}`, locale),
        link: SECRET_SLOT, expires: expiresAt.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }),
      }),
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'invitation.created', entityType: 'invitation',
      entityId: row.id, after: presentInvitation(row), context: { ip, ...(grant && { identityGrantId: grant.grantId }) },
    });
    return { row, confirmationPending: grant?.pending ?? false };
  });
  return { invitation: presentInvitation(invitation.row), link, confirmationPending: invitation.confirmationPending };
}

/**
 * The first administrator of an organisation created from the command line (`vigie organisation
 * create`), inside that creation's transaction: no one of the organisation invites them, so the
 * invitation has no inviter, no second person confirms it (there is nobody yet), and the link is
 * handed to the operator to pass on instead of being mailed. Accepted like any other invitation.
 */
export async function inviteFirstAdministrator(
  trx: Executor, config: Pick<Config, 'publicUrl' | 'invitationTtlHours'>, input: { organisationId: string; email: string },
) {
  // Accounts are unique across the deployment.
  if (await findUserByEmail(trx, input.email)) throw new AppError('user.email_taken');
  const token = randomToken();
  const link = `${config.publicUrl}/invitation?token=${token}`;
  const expiresAt = new Date(Date.now() + config.invitationTtlHours * 3_600_000);
  const row = await insertInvitation(trx, {
    organisationId: input.organisationId, email: input.email, role: 'admin', tokenHash: sha256Hex(token), invitedBy: null, expiresAt,
  });
  await recordAudit(trx, {
    organisationId: input.organisationId, actorId: null, action: 'invitation.created', entityType: 'invitation',
    entityId: row.id, after: presentInvitation(row), context: { source: 'cli' },
  });
  return { invitation: presentInvitation(row), link };
}

export async function listOrganisationInvitations(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listInvitations(trx)).map(presentInvitation));
}

export async function cancelInvitation(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const inviterRoles = await inviterRolesOf(trx, id);
    if (inviterRoles === undefined) throw new AppError('invitation.not_found');
    // A coordinator cannot withdraw what an administrator decided (whichever of their roles is the primary one).
    if (inviterRoles.includes('admin') && !actor.roles.includes('admin')) throw new AppError('auth.forbidden');
    const row = await revokeInvitation(trx, id);
    if (!row) throw new AppError('invitation.not_found');
    await withdrawIdentityGrants(trx, actor, { invitationId: id }, ip);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'invitation.revoked', entityType: 'invitation',
      entityId: id, after: presentInvitation(row), context: { ip },
    });
  });
}

async function usableInvitation(ctx: AppContext, trx: Parameters<typeof findInvitationByTokenHash>[0], token: string, lock: boolean) {
  const invitation = await findInvitationByTokenHash(trx, sha256Hex(token), lock);
  if (!invitation) throw new AppError('invitation.not_found');
  const status = invitationStatus(invitation);
  if (status !== 'pending') throw new AppError(STATUS_ERROR[status]);
  // An invitation giving access to identities waits for its second person; a refused one is void.
  const grant = await invitationGrantStatus(trx, invitation.id);
  if (grant === 'pending') throw new AppError('invitation.awaiting_confirmation');
  if (grant === 'refused' || grant === 'withdrawn') throw new AppError('invitation.revoked');
  return invitation;
}

export async function lookUpInvitation(ctx: AppContext, token: string) {
  const invitation = await usableInvitation(ctx, ctx.db, token, false);
  return { email: invitation.email, role: invitation.role as Role, organisationName: invitation.organisation_name };
}

export async function acceptInvitation(ctx: AppContext, input: { token: string; displayName: string; password: string }, ip: string) {
  // The token first: an invalid link costs a lookup, not an argon2 hash.
  await usableInvitation(ctx, ctx.db, input.token, false);
  const passwordHash = await hashPassword(input.password);
  return inSystemTransaction(ctx.db, async (trx) => {
    // The row lock makes a double-click or a replayed link accept at most once.
    const invitation = await usableInvitation(ctx, trx, input.token, true);
    if (await findUserByEmail(trx, invitation.email)) throw new AppError('user.email_taken');
    const user = await insertUser(trx, {
      organisation_id: invitation.organisation_id, email: invitation.email, display_name: input.displayName,
      password_hash: passwordHash, role: invitation.role,
    });
    await markInvitationAccepted(trx, invitation.id, user.id);
    await recordAudit(trx, {
      organisationId: invitation.organisation_id, actorId: user.id, action: 'invitation.accepted', entityType: 'user',
      entityId: user.id, after: auditUser(user), context: { ip, invitationId: invitation.id },
    });
    return openSession(ctx, trx, user.id);
  });
}
