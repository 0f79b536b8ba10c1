import { mayMail, type ContactListInput, type LegalBasis } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { addListMember, allLists, findContact, findList, insertList, listAudience, listNamed, removeListMember, type ListRow } from './contacts.queries.js';
import { presentList } from './contacts.presenter.js';

/**
 * Lists: static ones (members added by hand) and saved filters (members computed when used).
 * `mailableAudience` is the one answer to "who on this list may be mailed now", used by every
 * sender (press releases, newsletter): consent or legitimate interest, objections, do-not-contact.
 */

export type AudienceMember = { contactId: string; displayName: string; email: string };

export async function mailableAudience(db: Executor, listId: string): Promise<{ list: ListRow; members: number; mailable: AudienceMember[] }> {
  const list = await findList(db, listId);
  if (!list) throw new AppError('contact_list.not_found');
  const rows = await listAudience(db, list);
  const mailable = rows
    .filter((r) => r.email !== null && mayMail(list.legal_basis as LegalBasis, r.consent as 'granted' | null, r.do_not_contact))
    .map((r) => ({ contactId: r.id, displayName: r.display_name, email: r.email! }));
  return { list, members: rows.length, mailable };
}

/** For other modules: does this list exist (in the organisation of the transaction)? */
export async function listExists(db: Executor, listId: string): Promise<boolean> {
  return Boolean(await findList(db, listId));
}

/**
 * For modules that subscribe people themselves (job alerts): the static consent list of this
 * name, created without an author the first time. A list of that name made by hand is used only
 * if it is itself a static consent list.
 */
export async function ensureConsentList(db: Executor, organisationId: string, name: string, purpose: string): Promise<string> {
  const created = await insertList(db, organisationId, null, { name, kind: 'static', filter: null, legalBasis: 'consent', purpose });
  if (created) return created.id;
  const existing = await listNamed(db, name);
  if (!existing || existing.kind !== 'static' || existing.legal_basis !== 'consent') throw new AppError('contact_list.name_taken');
  return existing.id;
}

export async function createList(ctx: AppContext, actor: Actor, input: ContactListInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertList(trx, actor.organisationId, actor.userId, {
      name: input.name, kind: input.kind, filter: input.filter ?? null, legalBasis: input.legalBasis, purpose: input.purpose ?? null,
    });
    if (!row) throw new AppError('contact_list.name_taken');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact_list.created', entityType: 'contact_list', entityId: row.id,
      after: { name: input.name, kind: input.kind, legalBasis: input.legalBasis }, context: { ip },
    });
    const { list, members, mailable } = await mailableAudience(trx, row.id);
    return presentList(list, { members, mailable: mailable.length });
  });
}

export async function listLists(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const out = [];
    for (const l of await allLists(trx)) {
      const { members, mailable } = await mailableAudience(trx, l.id);
      out.push(presentList(l, { members, mailable: mailable.length }));
    }
    return out;
  });
}

export async function changeListMember(ctx: AppContext, actor: Actor, listId: string, contactId: string, add: boolean, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const list = await findList(trx, listId);
    if (!list) throw new AppError('contact_list.not_found');
    if (list.kind !== 'static') throw new AppError('contact_list.not_static');
    if (!(await findContact(trx, contactId))) throw new AppError('contact.not_found');
    if (add) await addListMember(trx, actor.organisationId, listId, contactId, actor.userId);
    else await removeListMember(trx, listId, contactId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: add ? 'contact_list.member_added' : 'contact_list.member_removed',
      entityType: 'contact_list', entityId: listId, after: { contactId }, context: { ip },
    });
    const { members, mailable } = await mailableAudience(trx, listId);
    return presentList(list, { members, mailable: mailable.length });
  });
}
