import { useEffect, useState } from 'preact/hooks';
import { ROLES, type Role } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { checklistsApi, type ChecklistKind, type ChecklistTemplateView } from './checklistsApi';

type DraftTask = { id?: string; label: string; relativeDay: string; assigneeRole: string; active: boolean };
type Draft = { id?: string; kind: ChecklistKind; role: string; name: string; active: boolean; tasks: DraftTask[] };

const toDraft = (p: ChecklistTemplateView): Draft => ({
  id: p.id, kind: p.kind, role: p.role ?? '', name: p.name, active: p.active,
  tasks: p.tasks.map((x) => ({ id: x.id, label: x.label, relativeDay: String(x.relativeDay), assigneeRole: x.assigneeRole ?? '', active: x.active })),
});
const blankTask = (): DraftTask => ({ label: '', relativeDay: '0', assigneeRole: '', active: true });

/**
 * Arrival and departure checklist templates (issue 18): per kind and role, tasks at a day relative
 * to the arrival or departure with a default assignee role. Phone-first: one template edited at a
 * time, tasks moved up and down with buttons, taken out by deactivating them.
 */
export function ChecklistTemplatesPage() {
  const t = useT();
  const [templates, setTemplates] = useState<ChecklistTemplateView[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => { checklistsApi.templates().then(setTemplates, (e) => setError(errorMessage(e))); }, []);

  const roleOptions = [{ value: '', label: t('association.checklistTemplates.anyRole') }, ...ROLES.map((r: Role) => ({ value: r, label: t(`roles.${r}`) }))];
  const assigneeOptions = [{ value: '', label: t('association.checklistTemplates.noAssignee') }, ...ROLES.map((r: Role) => ({ value: r, label: t(`roles.${r}`) }))];
  const setTask = (i: number, patch: Partial<DraftTask>) => setDraft((d) => d && { ...d, tasks: d.tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const move = (i: number, by: number) => setDraft((d) => {
    if (!d || i + by < 0 || i + by >= d.tasks.length) return d;
    const tasks = [...d.tasks];
    [tasks[i], tasks[i + by]] = [tasks[i + by]!, tasks[i]!];
    return { ...d, tasks };
  });
  const save = async () => {
    if (!draft) return;
    setError(null); setSaved(false); setBusy(true);
    const input = {
      kind: draft.kind, role: draft.role || null, name: draft.name, active: draft.active,
      tasks: draft.tasks.map((x) => ({ ...(x.id ? { id: x.id } : {}), label: x.label, relativeDay: Number.parseInt(x.relativeDay || '0', 10) || 0, assigneeRole: x.assigneeRole || null, active: x.active })),
    };
    try {
      setTemplates(draft.id ? await checklistsApi.changeTemplate(draft.id, input) : await checklistsApi.createTemplate(input));
      setDraft(null); setSaved(true);
    } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  };

  return (
    <Screen title={t('association.checklistTemplates.title')} narrow>
      <p><a href="/association/people">{t('association.checklists.back')}</a></p>
      <p>{t('association.checklistTemplates.intro')}</p>
      <FormError message={error} />
      {saved && <p role="status">{t('association.checklistTemplates.saved')}</p>}
      {!draft && (
        <>
          {(['onboarding', 'offboarding'] as const).map((kind) => (
            <section key={kind} class="card" aria-labelledby={`templates-${kind}`}>
              <h2 id={`templates-${kind}`}>{t(`association.checklists.kind.${kind}`)}</h2>
              <ul>
                {templates?.filter((p) => p.kind === kind).map((p) => (
                  <li key={p.id} data-testid="checklist-template">
                    <strong>{p.name}</strong> — {p.role ? t(`roles.${p.role}`) : t('association.checklistTemplates.anyRole')}
                    {' '}({t('association.checklistTemplates.taskCount', { count: p.tasks.filter((x) => x.active).length })}){!p.active && ` · ${t('association.checklistTemplates.inactive')}`}
                    {' '}<Button variant="secondary" testId={`template-edit-${p.id}`} onClick={() => { setSaved(false); setDraft(toDraft(p)); }}>{t('association.checklistTemplates.edit')}</Button>
                  </li>
                ))}
              </ul>
              <Button variant="secondary" testId={`template-new-${kind}`} onClick={() => { setSaved(false); setDraft({ kind, role: '', name: '', active: true, tasks: [blankTask()] }); }}>
                {t('association.checklistTemplates.new')}
              </Button>
            </section>
          ))}
        </>
      )}
      {draft && (
        <form class="card" aria-labelledby="template-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h2 id="template-form">{t(`association.checklists.kind.${draft.kind}`)} — {draft.id ? t('association.checklistTemplates.edit') : t('association.checklistTemplates.new')}</h2>
          <TextField label={t('association.checklistTemplates.name')} value={draft.name} onValue={(name) => setDraft({ ...draft, name })} maxLength={120} testId="template-name" />
          <SelectField label={t('association.checklistTemplates.role')} value={draft.role} options={roleOptions} onValue={(role) => setDraft({ ...draft, role })} />
          <Checkbox label={t('association.checklistTemplates.active')} checked={draft.active} onChecked={(active) => setDraft({ ...draft, active })} />
          <h3>{t('association.checklistTemplates.tasks')}</h3>
          <p class="field-hint">{t('association.checklistTemplates.dayHint')}</p>
          <ol class="cards">
            {draft.tasks.map((x, i) => (
              <li key={x.id ?? `new-${i}`} class="card" data-testid="template-task">
                <TextField label={t('association.checklistTemplates.label')} value={x.label} onValue={(label) => setTask(i, { label })} maxLength={200} testId={`template-task-label-${i}`} />
                <div class="field">
                  <label for={`task-day-${i}`}>{t('association.checklistTemplates.day')}</label>
                  <input id={`task-day-${i}`} type="number" inputMode="numeric" step={1} value={x.relativeDay} onInput={(e) => setTask(i, { relativeDay: e.currentTarget.value })} data-testid={`template-task-day-${i}`} />
                </div>
                <SelectField label={t('association.checklistTemplates.assignee')} value={x.assigneeRole} options={assigneeOptions} onValue={(assigneeRole) => setTask(i, { assigneeRole })} />
                <Checkbox label={t('association.checklistTemplates.taskActive')} checked={x.active} onChecked={(active) => setTask(i, { active })} />
                <div class="actions">
                  <Button variant="secondary" disabled={i === 0} ariaLabel={t('association.checklistTemplates.up', { n: i + 1 })} onClick={() => move(i, -1)}>↑</Button>
                  <Button variant="secondary" disabled={i === draft.tasks.length - 1} ariaLabel={t('association.checklistTemplates.down', { n: i + 1 })} onClick={() => move(i, 1)}>↓</Button>
                  {!x.id && <Button variant="secondary" onClick={() => setDraft({ ...draft, tasks: draft.tasks.filter((_, j) => j !== i) })}>{t('association.checklistTemplates.remove')}</Button>}
                </div>
              </li>
            ))}
          </ol>
          <Button variant="secondary" testId="template-add-task" onClick={() => setDraft({ ...draft, tasks: [...draft.tasks, blankTask()] })}>{t('association.checklistTemplates.addTask')}</Button>
          <div class="actions">
            <Button type="submit" busy={busy} testId="template-save">{t('association.checklistTemplates.save')}</Button>
            <Button variant="secondary" onClick={() => { setDraft(null); setError(null); }}>{t('association.checklistTemplates.cancel')}</Button>
          </div>
        </form>
      )}
    </Screen>
  );
}
