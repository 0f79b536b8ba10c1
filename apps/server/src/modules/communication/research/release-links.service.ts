import { parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { presentLink } from './research.presenter.js';
import { findAgreement, findRelease, insertDownload, insertLink, linkByTokenHash, releaseDownloads, releaseLinks, revokeLink } from './research.queries.js';
import { releaseZip } from './releases.service.js';

/**
 * A recipient's access to one release: a secret link (only its SHA-256 is stored), expiring
 * no later than the agreement, revocable, every download logged (when, hashed address, user
 * agent) and audited — the lawyer-link mechanism of legal/cases (docs/adr/0006), for researchers.
 */
export const releaseUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/research/shared/${token}/release.zip`;

export async function createReleaseLink(ctx: AppContext, actor: Actor, releaseId: string, days: number, ip: string) {
  const token = randomToken();
  const row = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const release = await findRelease(trx, releaseId);
    if (!release) throw new AppError('research.release_not_found');
    if (release.status !== 'done') throw new AppError('research.release_not_ready');
    const agreement = (await findAgreement(trx, release.agreement_id))!;
    if (parisDate(new Date()) > agreement.ends_on) throw new AppError('research.agreement_expired', { endsOn: agreement.ends_on });
    // Never beyond the agreement's last day (end of that day, Paris time is close enough at a day's grain).
    const agreementEnd = new Date(`${agreement.ends_on}T23:59:59Z`);
    const wanted = new Date(Date.now() + days * 86_400_000);
    const link = await insertLink(trx, { organisationId: actor.organisationId, releaseId, tokenHash: sha256Hex(token), expiresAt: wanted < agreementEnd ? wanted : agreementEnd, createdBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.link_created', entityType: 'research_release', entityId: releaseId,
      after: presentLink(link), context: { ip, recipient: agreement.recipient_email },
    });
    return link;
  });
  return { link: presentLink(row), url: releaseUrl(ctx, token) };
}

export async function linksOf(ctx: AppContext, actor: Actor, releaseId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findRelease(trx, releaseId))) throw new AppError('research.release_not_found');
    const links = (await releaseLinks(trx, releaseId)).map((l) => presentLink(l));
    const downloads = (await releaseDownloads(trx, releaseId)).map((d) => ({ linkId: d.link_id, file: d.file, at: d.at.toISOString(), ipHash: d.ip_hash.slice(0, 12), userAgent: d.user_agent }));
    return { links, downloads };
  });
}

export async function revokeReleaseLink(ctx: AppContext, actor: Actor, releaseId: string, linkId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await revokeLink(trx, releaseId, linkId, actor.userId);
    if (!row) throw new AppError('research.link_not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.link_revoked', entityType: 'research_release', entityId: releaseId, after: presentLink(row), context: { ip },
    });
    return presentLink(row);
  });
}

/** A download by the recipient: 404 unknown, 410 revoked, expired or agreement ended. */
export async function downloadByLink(ctx: AppContext, storage: ObjectStorage, token: string, ip: string, userAgent: string | null) {
  const link = await inSystemTransaction(ctx.db, (trx) => linkByTokenHash(trx, sha256Hex(token)));
  if (!link) throw new AppError('research.link_not_found');
  if (link.revoked_at) throw new AppError('research.link_revoked');
  if (link.expires_at <= new Date()) throw new AppError('research.link_expired');
  const release = await inOrganisation(ctx.db, link.organisation_id, async (trx) => {
    const r = (await findRelease(trx, link.release_id))!;
    const agreement = (await findAgreement(trx, r.agreement_id))!;
    if (parisDate(new Date()) > agreement.ends_on) throw new AppError('research.agreement_ended', { endsOn: agreement.ends_on });
    await insertDownload(trx, { organisationId: link.organisation_id, linkId: link.id, releaseId: r.id, file: 'release.zip', ipHash: sha256Hex(`${link.organisation_id}\n${ip}`), userAgent: userAgent?.slice(0, 300) ?? null });
    await recordAudit(trx, {
      organisationId: link.organisation_id, actorId: null, action: 'research.release_downloaded_by_recipient', entityType: 'research_release', entityId: r.id,
      context: { ip, linkId: link.id, recipient: agreement.recipient_email },
    });
    return r;
  });
  return { bytes: await releaseZip(storage, release), releaseId: release.id };
}
