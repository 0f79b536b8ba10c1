import { parisDate, type LegalCaseGrantView, type LegalCaseView, type LegalSharedCaseView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { listDeadlines } from '../deadlines/deadline-lookup.js';
import { presentDeadline } from '../deadlines/deadlines.presenter.js';
import { findCase } from './cases.queries.js';
import { loadCaseFile } from './cases.service.js';
import { decryptVersion } from './case-documents.js';
import { findVersion } from './documents.queries.js';
import { caseGrants, grantByTokenHash, insertGrant, revokeGrant, touchGrant, type GrantRow } from './grants.queries.js';

/**
 * A lawyer's read-only access to one case through a secret, expiring, revocable link
 * (docs/adr/0006-lawyer-access.md). Expiry and revocation are checked on every use, every use
 * is audited with the grant and the address it came from, and what is shown never includes
 * identities (pseudonyms only) nor the other grants.
 */
function presentGrant(g: GrantRow, now = new Date()): LegalCaseGrantView {
  return {
    id: g.id, lawyerName: g.lawyer_name, lawyerEmail: g.lawyer_email, expiresAt: g.expires_at.toISOString(),
    revokedAt: g.revoked_at?.toISOString() ?? null, createdAt: g.created_at.toISOString(), lastUsedAt: g.last_used_at?.toISOString() ?? null,
    active: g.revoked_at === null && g.expires_at > now,
  };
}

export const sharedCaseUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/shared-case/${token}`;

export async function grantLawyerAccess(ctx: AppContext, actor: Actor, caseId: string,
  input: { lawyerName: string; lawyerEmail?: string | null | undefined; days: number }, ip: string) {
  const token = randomToken();
  const grant = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findCase(trx, caseId))) throw new AppError('legal_case.not_found');
    const row = await insertGrant(trx, {
      organisationId: actor.organisationId, caseId, tokenHash: sha256Hex(token), lawyerName: input.lawyerName,
      lawyerEmail: input.lawyerEmail ?? null, expiresAt: new Date(Date.now() + input.days * 86_400_000), createdBy: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.access_granted', entityType: 'legal_case', entityId: caseId,
      after: presentGrant(row), context: { ip },
    });
    return row;
  });
  return { grant: presentGrant(grant), url: sharedCaseUrl(ctx, token) };
}

export async function listLawyerGrants(ctx: AppContext, actor: Actor, caseId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findCase(trx, caseId))) throw new AppError('legal_case.not_found');
    return (await caseGrants(trx, caseId)).map((g) => presentGrant(g));
  });
}

export async function revokeLawyerAccess(ctx: AppContext, actor: Actor, caseId: string, grantId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await revokeGrant(trx, caseId, grantId, actor.userId);
    if (!row) throw new AppError('legal_grant.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.access_revoked', entityType: 'legal_case', entityId: caseId,
      after: presentGrant(row), context: { ip },
    });
    return presentGrant(row);
  });
}

async function usableGrant(ctx: AppContext, token: string) {
  const grant = await inSystemTransaction(ctx.db, (trx) => grantByTokenHash(trx, sha256Hex(token)));
  if (!grant) throw new AppError('legal_grant.not_found');
  if (grant.revoked_at) throw new AppError('legal_grant.revoked');
  if (grant.expires_at <= new Date()) throw new AppError('legal_grant.expired');
  return grant;
}

export async function readSharedCase(ctx: AppContext, token: string, ip: string) {
  const grant = await usableGrant(ctx, token);
  return inOrganisation(ctx.db, grant.organisation_id, async (trx) => {
    const file = await loadCaseFile(trx, grant.case_id);
    const today = parisDate(new Date());
    const deadlines = (await listDeadlines(trx, { caseId: grant.case_id })).map((d) => presentDeadline(d, today));
    await touchGrant(trx, grant.id);
    await recordAudit(trx, {
      organisationId: grant.organisation_id, actorId: null, action: 'legal_case.read_by_lawyer', entityType: 'legal_case', entityId: grant.case_id,
      context: { ip, grantId: grant.id, lawyer: grant.lawyer_name },
    });
    // A lawyer sees the file, not who else was given access nor contacts of other parties' counsel.
    return { case: forLawyer(file), deadlines, lawyerName: grant.lawyer_name, expiresAt: grant.expires_at.toISOString() };
  });
}

/** Only what ADR 0006 promises, field by field: no contact details or notes of any party, no notes on links, no tasks. */
function forLawyer(file: LegalCaseView): LegalSharedCaseView {
  const { parties, links, tasks: _internal, history: _versions, ...rest } = file;
  return {
    ...rest,
    parties: parties.map((p) => ({ id: p.id, kind: p.kind, role: p.role, personId: p.personId, pseudonym: p.pseudonym, minor: p.minor, name: p.name })),
    links: links.map((l) => ({ id: l.id, target: l.target, targetId: l.targetId, label: l.label, date: l.date })),
  };
}

export async function readSharedDocument(ctx: AppContext, storage: ObjectStorage, token: string, versionId: string, ip: string) {
  const grant = await usableGrant(ctx, token);
  const row = await inOrganisation(ctx.db, grant.organisation_id, async (trx) => {
    const found = await findVersion(trx, grant.case_id, versionId);
    if (!found) throw new AppError('legal_case.item_not_found');
    await recordAudit(trx, {
      organisationId: grant.organisation_id, actorId: null, action: 'legal_case.document_read_by_lawyer', entityType: 'legal_case', entityId: grant.case_id,
      context: { ip, grantId: grant.id, lawyer: grant.lawyer_name, versionId },
    });
    return found;
  });
  return { row, bytes: await decryptVersion(ctx, storage, row) };
}
