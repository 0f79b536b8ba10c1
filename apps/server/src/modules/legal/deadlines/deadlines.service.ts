import { parisDate, type DeadlineCreate, type DeadlineRuleInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeUserExists, findCase, touchCase } from '../cases/case-lookup.js';
import { computeDeadline } from './compute-deadline.js';
import {
  codeTakenByOther, findDeadline, findRule, insertDeadline, insertRule, listDeadlines, listRules, updateDeadline, updateRule, type RuleColumns,
} from './deadlines.queries.js';
import { presentDeadline, presentRule } from './deadlines.presenter.js';

/** Deadline rules (data edited by the legal pole) and the deadlines of cases. */

const today = () => parisDate(new Date());

function ruleColumns(input: DeadlineRuleInput): RuleColumns {
  return {
    code: input.code, label: input.label, action_type: input.actionType, trigger_label: input.triggerLabel, amount: input.amount,
    unit: input.unit, effect: input.effect, extends_to_working_day: input.extendsToWorkingDay, source_note: input.sourceNote,
    remind_days_before: input.remindDaysBefore, active: input.active,
  };
}

export async function listDeadlineRules(ctx: AppContext, actor: Actor) {
  const rows = await inOrganisation(ctx.db, actor.organisationId, (trx) => listRules(trx));
  return rows.map(presentRule);
}

export async function createDeadlineRule(ctx: AppContext, actor: Actor, input: DeadlineRuleInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertRule(trx, actor.organisationId, ruleColumns(input), actor.userId);
    if (!row) throw new AppError('deadline.rule_code_taken');
    const view = presentRule(row);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'deadline_rule.created', entityType: 'deadline_rule', entityId: row.id,
      after: view, context: { ip },
    });
    return view;
  });
}

/** Editing a rule changes future computations only: existing deadlines keep their dates and source. */
export async function changeDeadlineRule(ctx: AppContext, actor: Actor, id: string, input: DeadlineRuleInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findRule(trx, id);
    if (!before) throw new AppError('deadline.rule_not_found');
    if (await codeTakenByOther(trx, input.code, id)) throw new AppError('deadline.rule_code_taken');
    const row = (await updateRule(trx, id, ruleColumns(input), actor.userId))!;
    const view = presentRule(row);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'deadline_rule.changed', entityType: 'deadline_rule', entityId: id,
      before: presentRule(before), after: view, context: { ip },
    });
    return view;
  });
}

async function requireCase(trx: Trx, caseId: string) {
  const row = await findCase(trx, caseId, true);
  if (!row) throw new AppError('legal_case.not_found');
  return row;
}

async function requireOwner(trx: Trx, ownerId: string | null | undefined) {
  if (ownerId && !(await activeUserExists(trx, ownerId))) throw new AppError('legal_case.unknown_user');
}

/**
 * A deadline from a rule and its trigger date, or entered by hand. A date already past is
 * saved all the same — the case may still need it on file — and comes back as state 'past'
 * ("échéance dépassée") so the screen says so loudly instead of hiding it.
 */
export async function addDeadline(ctx: AppContext, actor: Actor, caseId: string, input: DeadlineCreate, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await requireCase(trx, caseId);
    await requireOwner(trx, input.ownerId);
    let values: Parameters<typeof insertDeadline>[1];
    const common = { organisationId: actor.organisationId, caseId, ownerId: input.ownerId ?? null, createdBy: actor.userId };
    if ('ruleId' in input) {
      const rule = await findRule(trx, input.ruleId);
      if (!rule) throw new AppError('deadline.rule_not_found');
      if (!input.triggerDate) throw new AppError('deadline.trigger_missing', { trigger: rule.trigger_label });
      const computed = computeDeadline({ amount: rule.amount, unit: rule.unit as 'days', effect: rule.effect as 'expires', extendsToWorkingDay: rule.extends_to_working_day }, input.triggerDate);
      values = {
        ...common, ruleId: rule.id, label: rule.label, effect: rule.effect, triggerDate: input.triggerDate, ...computed,
        sourceNote: rule.source_note, remindDaysBefore: input.remindDaysBefore ?? rule.remind_days_before,
      };
    } else {
      values = {
        ...common, ruleId: null, label: input.label, effect: 'expires', triggerDate: null, dueOn: input.dueOn, unextendedDueOn: null,
        sourceNote: null, remindDaysBefore: input.remindDaysBefore ?? [7, 2],
      };
    }
    const { id } = await insertDeadline(trx, values);
    await touchCase(trx, caseId);
    const view = presentDeadline((await findDeadline(trx, id))!, today());
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_deadline.added', entityType: 'legal_case', entityId: caseId,
      after: { deadlineId: id, label: view.label, dueOn: view.dueOn, triggerDate: view.triggerDate, state: view.state }, context: { ip },
    });
    return view;
  });
}

export async function changeDeadline(ctx: AppContext, actor: Actor, caseId: string, id: string,
  input: { ownerId?: string | null | undefined; remindDaysBefore?: number[] | undefined; done?: boolean | undefined }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await requireCase(trx, caseId);
    const before = await findDeadline(trx, id);
    if (!before || before.case_id !== caseId) throw new AppError('deadline.not_found');
    await requireOwner(trx, input.ownerId);
    await updateDeadline(trx, id, {
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.remindDaysBefore !== undefined && { remind_days_before: input.remindDaysBefore }),
      ...(input.done !== undefined && { done_at: input.done ? new Date() : null }),
    });
    const view = presentDeadline((await findDeadline(trx, id))!, today());
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_deadline.changed', entityType: 'legal_case', entityId: caseId,
      before: presentDeadline(before, today()), after: view, context: { ip },
    });
    return view;
  });
}

/** The calendar: every deadline between two dates (all cases; the route requires legal.manage). */
export async function deadlineCalendar(ctx: AppContext, actor: Actor, ip: string, range: { from?: string | undefined; to?: string | undefined; caseId?: string | undefined }) {
  const rows = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await listDeadlines(trx, range);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_deadline.listed', entityType: range.caseId ? 'legal_case' : 'legal_deadline',
      entityId: range.caseId ?? null, context: { ip, ...range, count: found.length },
    });
    return found;
  });
  const now = today();
  return rows.map((r) => presentDeadline(r, now));
}
