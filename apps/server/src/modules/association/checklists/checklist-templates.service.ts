import {
  CHECKLIST_DAY_LIMIT, CHECKLIST_KINDS, DEFAULT_CHECKLIST_TASKS, isRole, type ChecklistKind, type ChecklistTemplateInput, type ChecklistTemplatesView,
  type Role, checklistTemplateInputSchema,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  findTemplate, hasDefault, insertDefaultTemplate, insertTasks, insertTemplate, listTemplates, listTemplateTasks, tasksOfTemplate, updateTask, updateTemplate,
} from './checklists.queries.js';

/**
 * Checklist templates per role (issue 18, item 6), for those who run the association. Each
 * organisation starts with one default template per kind (any role), whose tasks are the fixed
 * items of before (their code kept: offboarding's "equipment returned" still waits for the loans);
 * it is seeded on first read. A template is edited whole (name, role, tasks in their order); a task
 * taken out is deactivated, never deleted, since people's checklists point to it. Every change audited.
 */
const DEFAULT_NAMES: Record<ChecklistKind, string> = { onboarding: 'Arrivée (tous les rôles)', offboarding: 'Départ (tous les rôles)' };

export async function ensureDefaultTemplates(trx: Executor, organisationId: string) {
  for (const kind of CHECKLIST_KINDS) {
    if (await hasDefault(trx, kind)) continue;
    const id = await insertDefaultTemplate(trx, organisationId, kind, DEFAULT_NAMES[kind]);
    if (!id) continue;
    await insertTasks(trx, organisationId, id, DEFAULT_CHECKLIST_TASKS[kind].map((t, position) => ({
      code: t.code, label: t.label, relative_day: t.relativeDay, assignee_role: t.assigneeRole, position, active: true,
    })));
  }
}

const asRole = (r: string | null) => (r !== null && isRole(r) ? r : null);

async function readTemplates(trx: Executor): Promise<ChecklistTemplatesView> {
  const [templates, tasks] = [await listTemplates(trx), await listTemplateTasks(trx)];
  return {
    templates: templates.map((p) => ({
      id: p.id, kind: p.kind as ChecklistKind, role: asRole(p.role), name: p.name, active: p.active, isDefault: p.is_default,
      tasks: tasks.filter((t) => t.template_id === p.id).map((t) => ({
        id: t.id, code: t.code, label: t.label, relativeDay: t.relative_day, assigneeRole: asRole(t.assignee_role), active: t.active,
      })),
    })),
  };
}

export async function checklistTemplates(ctx: AppContext, actor: Actor): Promise<ChecklistTemplatesView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await ensureDefaultTemplates(trx, actor.organisationId);
    return readTemplates(trx);
  });
}

type Checked = { kind: ChecklistKind; role: Role | null; name: string; active: boolean; tasks: Array<{ id?: string; label: string; relativeDay: number; assigneeRole: Role | null; active: boolean }> };

/** Each problem with its own message: a name or label left empty, a day beyond a year either way, a role the permission table does not know. */
function check(raw: ChecklistTemplateInput): Checked {
  const input = checklistTemplateInputSchema.parse(raw);
  const name = input.name.trim();
  if (!name) throw new AppError('checklist_template.empty_name');
  if (input.role !== null && !isRole(input.role)) throw new AppError('checklist_template.unknown_role', { role: input.role });
  const tasks = input.tasks.map((t, i) => {
    const label = t.label.trim();
    if (!label) throw new AppError('checklist_template.empty_label', { n: i + 1 });
    if (Math.abs(t.relativeDay) > CHECKLIST_DAY_LIMIT) throw new AppError('checklist_template.day_out_of_range', { n: i + 1, limit: CHECKLIST_DAY_LIMIT });
    if (t.assigneeRole !== null && !isRole(t.assigneeRole)) throw new AppError('checklist_template.unknown_role', { role: t.assigneeRole });
    return { ...(t.id ? { id: t.id } : {}), label, relativeDay: t.relativeDay, assigneeRole: t.assigneeRole as Role | null, active: t.active };
  });
  if (input.active && !tasks.some((t) => t.active)) throw new AppError('checklist_template.no_task');
  return { kind: input.kind, role: input.role as Role | null, name, active: input.active, tasks };
}

export async function createChecklistTemplate(ctx: AppContext, actor: Actor, raw: ChecklistTemplateInput, ip: string): Promise<ChecklistTemplatesView> {
  const input = check(raw);
  if (input.tasks.some((t) => t.id)) throw new AppError('checklist_template.task_not_found');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await ensureDefaultTemplates(trx, actor.organisationId);
    const id = await insertTemplate(trx, { organisation_id: actor.organisationId, kind: input.kind, role: input.role, name: input.name, active: input.active, created_by: actor.userId });
    await insertTasks(trx, actor.organisationId, id, input.tasks.map((t, position) => ({
      code: null, label: t.label, relative_day: t.relativeDay, assignee_role: t.assigneeRole, position, active: t.active,
    })));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'checklist_template.created', entityType: 'checklist_template', entityId: id,
      after: input, context: { ip },
    });
    return readTemplates(trx);
  });
}

export async function changeChecklistTemplate(ctx: AppContext, actor: Actor, id: string, raw: ChecklistTemplateInput, ip: string): Promise<ChecklistTemplatesView> {
  const input = check(raw);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const template = await findTemplate(trx, id);
    if (!template) throw new AppError('checklist_template.not_found');
    if (template.kind !== input.kind) throw new AppError('checklist_template.kind_fixed');
    const existing = await tasksOfTemplate(trx, id);
    const known = new Map(existing.map((t) => [t.id, t]));
    const ids = input.tasks.flatMap((t) => (t.id ? [t.id] : []));
    if (ids.some((i) => !known.has(i)) || new Set(ids).size !== ids.length) throw new AppError('checklist_template.task_not_found');
    await updateTemplate(trx, id, { role: input.role, name: input.name, active: input.active });
    // The order given is the new order; tasks left out are kept, deactivated, after the others.
    const kept = new Set(ids);
    let position = 0;
    for (const t of input.tasks) {
      const row = { label: t.label, relative_day: t.relativeDay, assignee_role: t.assigneeRole, position: position++, active: t.active };
      if (t.id) await updateTask(trx, t.id, row);
      else await insertTasks(trx, actor.organisationId, id, [{ ...row, code: null }]);
    }
    for (const t of existing.filter((e) => !kept.has(e.id))) {
      await updateTask(trx, t.id, { label: t.label, relative_day: t.relative_day, assignee_role: t.assignee_role, position: position++, active: false });
    }
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'checklist_template.changed', entityType: 'checklist_template', entityId: id,
      before: {
        role: template.role, name: template.name, active: template.active,
        tasks: existing.map((t) => ({ id: t.id, label: t.label, relativeDay: t.relative_day, assigneeRole: t.assignee_role, active: t.active })),
      },
      after: input, context: { ip },
    });
    return readTemplates(trx);
  });
}
