import type { DeadlineRuleView, DeadlineView, LegalActionType } from '@vigie/domain';
import { deadlineState } from './compute-deadline.js';
import type { DeadlineRow, RuleRow } from './deadlines.queries.js';

export function presentRule(r: RuleRow): DeadlineRuleView {
  return {
    id: r.id, code: r.code, label: r.label, actionType: r.action_type as LegalActionType | null, triggerLabel: r.trigger_label,
    amount: r.amount, unit: r.unit as DeadlineRuleView['unit'], effect: r.effect as DeadlineRuleView['effect'],
    extendsToWorkingDay: r.extends_to_working_day, sourceNote: r.source_note, remindDaysBefore: r.remind_days_before, active: r.active,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function presentDeadline(d: DeadlineRow, today: string): DeadlineView {
  return {
    id: d.id, caseId: d.case_id, caseTitle: d.case_title, ruleId: d.rule_id, label: d.label, effect: d.effect as DeadlineView['effect'],
    triggerDate: d.trigger_date, dueOn: d.due_on, unextendedDueOn: d.unextended_due_on, sourceNote: d.source_note,
    ownerId: d.owner_id, ownerName: d.owner_name, remindDaysBefore: d.remind_days_before,
    // An 'opens' date in the past is not missed: the action simply became possible.
    state: d.effect === 'opens' && d.done_at === null ? (d.due_on < today ? 'done' : 'upcoming') : deadlineState(d.due_on, d.done_at !== null, today),
  };
}
