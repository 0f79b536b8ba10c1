import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { formatDate, formatDateTime } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { tasksApi } from '../tasks/tasksApi';
import { checklistsApi, type ChecklistKind, type PersonChecklistsView } from './checklistsApi';

const KINDS: ChecklistKind[] = ['onboarding', 'offboarding'];
type ItemKey = 'account_given' | 'charter_signed' | 'keys_lent' | 'equipment_lent' | 'training_done' | 'equipment_returned' | 'account_revoked' | 'data_access_removed';

/**
 * A person's page for arrivals and departures (phone-first: a list of boxes to tick), with what
 * they still hold from the house's loans, each linking to its return.
 */
export function PersonChecklistsPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const id = params.id!;
  const [view, setView] = useState<PersonChecklistsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (f: () => Promise<PersonChecklistsView>) => {
    setError(null);
    try { setView(await f()); } catch (e) { setError(errorMessage(e)); }
  };
  useEffect(() => { void act(() => checklistsApi.of(id)); }, [id]);
  const started = new Set(view?.checklists.map((c) => c.kind));
  const [taskTitle, setTaskTitle] = useState('');
  const [taskAdded, setTaskAdded] = useState(false);
  // The arrival or departure day the tasks' due days count from (empty: the internship's, else today).
  const [fromDay, setFromDay] = useState('');
  // A task on the association board pointing back to this person's checklists (what a box needs done by someone).
  const addTask = async () => {
    setError(null); setTaskAdded(false);
    try {
      await tasksApi.create({ pole: 'association', title: taskTitle, link: { kind: 'checklist', id } });
      setTaskTitle(''); setTaskAdded(true);
    } catch (e) { setError(errorMessage(e)); }
  };
  return (
    <Screen title={view ? view.person.displayName : t('association.checklists.title')} narrow>
      <p><a href="/association/people">{t('association.checklists.back')}</a></p>
      <FormError message={error} />
      {view && (
        <>
          {!view.person.active && <p class="muted" data-testid="person-former">{t('association.checklists.formerAccount')}</p>}
          {view.checklists.length === 0 && <p>{t('association.checklists.none')}</p>}
          {view.checklists.map((c) => (
            <section key={c.kind} class="card" aria-labelledby={`checklist-${c.kind}`}>
              <h2 id={`checklist-${c.kind}`}>{t(`association.checklists.kind.${c.kind}`)}</h2>
              {c.items.map((i) => (
                <div key={i.id} data-testid="checklist-item">
                  <Checkbox label={i.label ?? t(`association.checklists.item.${i.item as ItemKey}`)} checked={i.done} onChecked={(done) => void act(() => checklistsApi.tick(i.id, done))} />
                  {(i.dueOn || i.assigneeRole) && (
                    <p class={`field-hint${i.overdue ? ' checklist-overdue' : ''}`} data-testid="checklist-item-due">
                      {i.dueOn && (i.overdue ? t('association.checklists.overdue', { day: formatDate(i.dueOn, locale) }) : t('association.checklists.due', { day: formatDate(i.dueOn, locale) }))}
                      {i.dueOn && i.assigneeRole && ' · '}
                      {i.assigneeRole && t('association.checklists.assignee', { who: i.assignee ?? t('association.checklists.nobodyHolds'), role: t(`roles.${i.assigneeRole}`) })}
                    </p>
                  )}
                  {i.done && i.doneAt && (
                    <p class="field-hint">{t('association.checklists.doneBy', { who: i.doneBy ?? '', when: formatDateTime(i.doneAt, locale) })}</p>
                  )}
                </div>
              ))}
            </section>
          ))}
          {view.checklists.length > 0 && (
            <form class="card" aria-labelledby="checklist-task" onSubmit={(e) => { e.preventDefault(); void addTask(); }}>
              <h2 id="checklist-task">{t('association.checklists.task.title')}</h2>
              <TextField label={t('association.checklists.task.label')} value={taskTitle} onValue={setTaskTitle} required maxLength={300}
                hint={t('association.checklists.task.placeholder')} testId="checklist-task-title" />
              <Button type="submit" testId="checklist-task-add">{t('association.checklists.task.add')}</Button>
              {taskAdded && <p role="status">{t('association.checklists.task.added')}</p>}
            </form>
          )}
          <section class="card" aria-labelledby="checklist-loans">
            <h2 id="checklist-loans">{t('association.checklists.openLoans')}</h2>
            {view.openLoans.length === 0 ? <p>{t('association.checklists.noLoans')}</p> : (
              <ul>
                {view.openLoans.map((l) => (
                  <li key={l.id}>
                    {l.items.map((i) => i.label).join(', ')} — <a href={`/association/equipment/loans/${l.id}/return`}>{t('association.checklists.returnLoan')}</a>
                  </li>
                ))}
              </ul>
            )}
            <p><a href="/association/equipment/lend">{t('association.checklists.lend')}</a></p>
          </section>
          {KINDS.some((k) => !started.has(k)) && (
            <section class="card" aria-labelledby="checklist-start">
              <h2 id="checklist-start">{t('association.checklists.startTitle')}</h2>
              <div class="field">
                <label for="checklist-from">{t('association.checklists.fromDay')}</label>
                <p class="field-hint" id="checklist-from-hint">{t('association.checklists.fromDayHint')}</p>
                <input id="checklist-from" type="date" value={fromDay} aria-describedby="checklist-from-hint" onInput={(e) => setFromDay(e.currentTarget.value)} data-testid="checklist-from" />
              </div>
              {KINDS.filter((k) => !started.has(k)).map((k) => (
                <Button key={k} variant="secondary" testId={`checklist-start-${k}`} onClick={() => void act(() => checklistsApi.start(id, k, fromDay || undefined))}>
                  {t(`association.checklists.start.${k}`)}
                </Button>
              ))}
              <p><a href="/association/checklist-templates">{t('association.checklists.templatesLink')}</a></p>
            </section>
          )}
        </>
      )}
    </Screen>
  );
}
