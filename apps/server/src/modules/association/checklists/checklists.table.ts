import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely types of person_checklist_items (migration 2026-12-05-18b-03, with template tasks' label,
 * due day and assignee from 2026-12-07-18f-01) and the checklist templates, merged into the shared
 * Database interface here.
 */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PersonChecklistItemsTable {
  id: Generated<string>; organisation_id: string; person_id: string; kind: string; item: Nullable<string>; position: number;
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>; done_by: Nullable<string>; created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  label: Nullable<string>; template_task_id: Nullable<string>; due_on: Nullable<string>; assignee_role: Nullable<string>; assignee_id: Nullable<string>;
}

export interface ChecklistTemplatesTable {
  id: Generated<string>; organisation_id: string; kind: string; role: string | null; name: string; active: Generated<boolean>;
  is_default: Generated<boolean>; created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>; updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ChecklistTemplateTasksTable {
  id: Generated<string>; organisation_id: string; template_id: string; code: string | null; label: string; relative_day: number;
  assignee_role: string | null; position: number; active: Generated<boolean>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    person_checklist_items: PersonChecklistItemsTable;
    checklist_templates: ChecklistTemplatesTable;
    checklist_template_tasks: ChecklistTemplateTasksTable;
  }
}
