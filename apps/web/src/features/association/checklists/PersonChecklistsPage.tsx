import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { formatDateTime } from '@vigie/domain/rules';
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
                <div key={i.id}>
                  <Checkbox label={t(`association.checklists.item.${i.item as ItemKey}`)} checked={i.done} onChecked={(done) => void act(() => checklistsApi.tick(i.id, done))} />
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
          {KINDS.filter((k) => !started.has(k)).map((k) => (
            <Button key={k} variant="secondary" testId={`checklist-start-${k}`} onClick={() => void act(() => checklistsApi.start(id, k))}>
              {t(`association.checklists.start.${k}`)}
            </Button>
          ))}
        </>
      )}
    </Screen>
  );
}
