import { createHash } from 'node:crypto';
import type { ActionInput, DecisionInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { decisionHash } from './decisions.js';
import { meetingView } from './meetings.service.js';
import { presentAction, presentDecision } from './meetings.presenter.js';
import {
  actionsByIds, actionsOfMeeting, agendaOf, allDecisionHashes, decisionAuditEntries, decisionsOf, findAction, findAgendaItem, findDecision, findMeeting, findMember,
  insertAction, insertDecision, markActionDone, organisationName, reopenAction, searchDecisions,
} from './meetings.queries.js';
import { minutesPdf } from './minutes-pdf.js';

/**
 * Decisions and actions (issue 19). A decision is recorded only while its meeting is in
 * progress, with text; it goes into the append-only log and, in full, into the hash-chained audit
 * trail in the same transaction. An action has one owner and a due date; it is carried to the
 * series' next meetings until marked done.
 */

export async function recordDecision(ctx: AppContext, actor: Actor, meetingId: string, input: DecisionInput, ip: string) {
  const text = input.text.trim();
  if (!text) throw new AppError('decision.text_missing');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, meetingId, true);
    if (!m) throw new AppError('meeting.not_found');
    if (m.status !== 'in_progress') throw new AppError('meeting.not_in_progress');
    if (input.agendaItemId && (await findAgendaItem(trx, input.agendaItemId))?.meeting_id !== meetingId) throw new AppError('meeting.unknown_agenda_item');
    const decidedAt = new Date();
    const content = { meetingId, text, context: input.context, decidedAt: decidedAt.toISOString() };
    const contentSha256 = decisionHash(content);
    const { id } = await insertDecision(trx, {
      organisation_id: actor.organisationId, meeting_id: meetingId, agenda_item_id: input.agendaItemId, text, context: input.context, decided_at: decidedAt,
      created_by: actor.userId, content_sha256: contentSha256,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'decision.recorded', entityType: 'meeting_decision', entityId: id,
      after: { ...content, agendaItemId: input.agendaItemId, contentSha256 }, context: { ip },
    });
    return meetingView(trx, meetingId);
  });
}

export async function decisionsLog(ctx: AppContext, actor: Actor, q: string | undefined) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ decisions: (await searchDecisions(trx, q?.trim() || undefined)).map(presentDecision) }));
}

/**
 * Compares every decision of the log with the audit entry that recorded it: a row whose content no
 * longer matches its hash, or whose entry is gone, is reported. Run with the server's own user
 * (every organisation) by `npm run audit:verify`, after the chain itself was checked.
 */
export async function verifyDecisionsLog(db: Db | Executor, withPending = false) {
  const [rows, entries] = await Promise.all([allDecisionHashes(db), decisionAuditEntries(db, withPending)]);
  const recorded = new Map(entries.map((e) => [e.entity_id, (e.after as { contentSha256?: string } | null)?.contentSha256]));
  const altered: Array<{ id: string; problem: 'content_changed' | 'audit_entry_missing' }> = [];
  for (const r of rows) {
    const hash = decisionHash({ meetingId: r.meeting_id, text: r.text, context: r.context, decidedAt: r.decided_at.toISOString() });
    if (!recorded.has(r.id)) altered.push({ id: r.id, problem: 'audit_entry_missing' });
    else if (hash !== r.content_sha256 || recorded.get(r.id) !== hash) altered.push({ id: r.id, problem: 'content_changed' });
  }
  return { decisions: rows.length, altered };
}

export async function checkDecisionsLog(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => verifyDecisionsLog(trx));
}

export async function verifyAllDecisions(db: Db) {
  return inSystemTransaction(db, (trx) => verifyDecisionsLog(trx, true));
}

export async function addAction(ctx: AppContext, actor: Actor, meetingId: string, input: ActionInput, ip: string) {
  const title = input.title.trim();
  if (!title) throw new AppError('action.title_missing');
  if (!input.ownerId) throw new AppError('action.owner_missing');
  const ownerId = input.ownerId;
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, meetingId, true);
    if (!m) throw new AppError('meeting.not_found');
    if (m.status === 'closed') throw new AppError('meeting.closed');
    if (!(await findMember(trx, ownerId))) throw new AppError('action.owner_unknown');
    if (input.decisionId && (await findDecision(trx, input.decisionId))?.meeting_id !== meetingId) throw new AppError('meeting.unknown_decision');
    const { id } = await insertAction(trx, {
      organisation_id: actor.organisationId, meeting_id: meetingId, decision_id: input.decisionId, title, owner_id: ownerId, due_on: input.dueOn, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'meeting_action.created', entityType: 'meeting_action', entityId: id,
      after: { meetingId, title, ownerId, dueOn: input.dueOn, decisionId: input.decisionId }, context: { ip },
    });
    return meetingView(trx, meetingId);
  });
}

/**
 * The owner or whoever runs meetings marks an action done; it then leaves the next agendas. Run in
 * the caller's transaction: the task board marks the action's task done with it (tasks.service).
 */
export async function completeActionIn(trx: Executor, actor: Actor, id: string, mayManage: boolean, ip: string) {
  const a = await findAction(trx, id, true);
  if (!a) throw new AppError('action.not_found');
  if (!mayManage && a.owner_id !== actor.userId) throw new AppError('auth.forbidden');
  if (!a.done_at) {
    await markActionDone(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'meeting_action.done', entityType: 'meeting_action', entityId: id, context: { ip },
    });
  }
  return meetingView(trx, a.meeting_id);
}

/**
 * An action's state follows the task that carries it on a board (the task moved to done, or back):
 * done leaves the next agendas, reopened comes back on them. Audited with the task as the cause.
 */
export async function followTaskStatus(trx: Executor, actor: Actor, id: string, done: boolean, taskId: string, ip: string) {
  const a = await findAction(trx, id, true);
  if (!a || Boolean(a.done_at) === done) return;
  if (done) await markActionDone(trx, id);
  else await reopenAction(trx, id);
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: done ? 'meeting_action.done' : 'meeting_action.reopened', entityType: 'meeting_action',
    entityId: id, context: { ip, taskId },
  });
}

/** An action with what a board card needs to point back to it: its decision's text, its meeting's title. Locked for the caller. */
export async function actionForBoard(trx: Executor, id: string) {
  const a = await findAction(trx, id, true);
  if (!a) return undefined;
  const [view] = (await actionsByIds(trx, [id])).map(presentAction);
  const meeting = (await findMeeting(trx, a.meeting_id))!;
  const decision = a.decision_id ? await findDecision(trx, a.decision_id) : undefined;
  return { action: view!, meetingTitle: meeting.title, meetingStartsAt: meeting.starts_at, decisionText: decision?.text ?? null };
}

/** The minutes as PDF (agenda, notes, decisions, actions); its SHA-256 is audited. */
export async function meetingMinutesPdf(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, id);
    if (!m) throw new AppError('meeting.not_found');
    const [agenda, decisions, actions] = await Promise.all([agendaOf(trx, id), decisionsOf(trx, id), actionsOfMeeting(trx, id)]);
    const pdf = minutesPdf({ organisation: await organisationName(trx), meeting: m, agenda, decisions, actions });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'meeting.minutes_exported', entityType: 'meeting', entityId: id,
      context: { pdfSha256: createHash('sha256').update(pdf).digest('hex'), status: m.status },
    });
    return { pdf, fileName: `compte-rendu-${m.starts_at.toISOString().slice(0, 10)}.pdf` };
  });
}
