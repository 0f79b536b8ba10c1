import { fillPlaceholders, unknownPlaceholders, type ApplicationReply, type ReplyTemplateInput, type ReplyTemplateView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { readPosting } from '../postings/postings.service.js';
import * as q from './applications.queries.js';
import { sendRecruitmentMail } from './recruitment-mail.js';

/**
 * Replying to candidates (issue 18): templates with placeholders ({{nom}}, {{offre}},
 * {{association}}) kept per organisation; a reply is filled for one applicant, sent through the
 * mail pipeline, noted on the application and counts as the last contact (retention). The audit
 * entry names the template, never the text.
 */
const present = (r: NonNullable<Awaited<ReturnType<typeof q.findReplyTemplate>>>): ReplyTemplateView => ({
  id: r.id, name: r.name, subject: r.subject, body: r.body, updatedAt: r.updated_at.toISOString(),
});

function checkPlaceholders(...texts: string[]) {
  const unknown = unknownPlaceholders(texts.join('\n'));
  if (unknown.length) throw new AppError('reply.unknown_placeholder', { placeholders: unknown.map((p) => `{{${p}}}`).join(', ') });
}

export async function replyTemplates(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ templates: (await q.listReplyTemplates(trx)).map(present) }));
}

export async function saveReplyTemplate(ctx: AppContext, actor: Actor, id: string | null, input: ReplyTemplateInput, ip: string) {
  checkPlaceholders(input.subject, input.body);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (id && !(await q.findReplyTemplate(trx, id))) throw new AppError('reply.template_not_found');
    if (await q.replyTemplateNamed(trx, input.name, id ?? undefined)) throw new AppError('reply.template_name_taken', { name: input.name });
    const row = (await q.saveReplyTemplate(trx, { id: id ?? undefined, organisationId: actor.organisationId, ...input, createdBy: actor.userId }))!;
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: id ? 'reply_template.changed' : 'reply_template.created',
      entityType: 'reply_template', entityId: row.id, after: { name: input.name }, context: { ip },
    });
    return present(row);
  });
}

/** A template deleted: replies already sent keep their text (the mail and the application's note hold it, not a reference). */
export async function deleteReplyTemplate(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await q.findReplyTemplate(trx, id);
    if (!row) throw new AppError('reply.template_not_found');
    await q.deleteReplyTemplate(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'reply_template.deleted', entityType: 'reply_template', entityId: id,
      before: { name: row.name }, context: { ip },
    });
    return { templates: (await q.listReplyTemplates(trx)).map(present) };
  });
}

export async function replyToApplication(ctx: AppContext, actor: Actor, applicationId: string, reply: ApplicationReply, ip: string) {
  checkPlaceholders(reply.subject, reply.body);
  const application = await inOrganisation(ctx.db, actor.organisationId, (trx) => q.findApplication(trx, applicationId));
  if (!application) throw new AppError('application.not_found');
  const posting = await readPosting(ctx, actor, application.posting_id);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (reply.templateId && !(await q.findReplyTemplate(trx, reply.templateId))) throw new AppError('reply.template_not_found');
    const organisation = await q.organisationName(trx);
    const values = { nom: application.name, offre: posting.title, association: organisation };
    const subject = fillPlaceholders(reply.subject, values);
    const text = fillPlaceholders(reply.body, values);
    // The mail pipeline keeps subjects to 300 characters: a subject swollen by its fields is refused here.
    if (subject.length > 300) throw new AppError('reply.subject_too_long');
    await sendRecruitmentMail(ctx, trx, { organisationId: actor.organisationId, to: application.email, subject, text });
    await q.touchLastContact(trx, applicationId);
    // The note keeps what was sent, whatever becomes of the template (notes hold 5,000 characters).
    const note = `Réponse envoyée : « ${subject} »\n\n${text}`;
    await q.insertNote(trx, { organisationId: actor.organisationId, applicationId, authorId: actor.userId, body: note.length > 5000 ? `${note.slice(0, 4999)}…` : note });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'application.replied', entityType: 'job_application', entityId: applicationId,
      context: { ip, templateId: reply.templateId },
    });
    return { subject, text };
  });
}
