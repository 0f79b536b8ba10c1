import { useEffect, useState } from 'preact/hooks';
import { TASK_POLES, TASK_STATUSES, can, formatDate, type TaskStatus } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { SecretCalendarLink } from '../../field/rota/RotaCalendarLink';
import { hasPermission, useUser } from '../../identity/auth/session';
import { meetingsApi } from '../meetings/meetingsApi';
import { DateInput } from '../postings/fields';
import { TaskEditForm } from './TaskEditForm';
import { tasksApi, type TaskView } from './tasksApi';
import './tasks.css';

const NEXT: Record<TaskStatus, TaskStatus | null> = { todo: 'doing', doing: 'done', done: null };

/**
 * A pole's board (to do, in progress, done), or "mine": my tasks on every board with the meeting
 * actions I own. On a phone the three columns stack; each card moves on with one tap. The
 * iCal link puts my due dates in my calendar app.
 */
export function TaskBoardPage() {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const poles = TASK_POLES.filter((p) => p !== 'legal' || can(me.roles, 'legal.manage'));
  const [pole, setPole] = useState<string>(new URLSearchParams(location.search).get('pole') ?? 'mine');
  const [tasks, setTasks] = useState<TaskView[] | null>(null);
  const [people, setPeople] = useState<Array<{ id: string; displayName: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ title: '', assigneeId: '', dueOn: '' });
  const [editing, setEditing] = useState<string | null>(null);
  const load = (p = pole) => (p === 'mine' ? tasksApi.mine() : tasksApi.board(p)).then((b) => setTasks(b.tasks)).catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => { void load(); if (hasPermission(me, 'meetings.manage')) meetingsApi.members().then(setPeople).catch(() => undefined); else setPeople([{ id: me.id, displayName: me.displayName }]); }, []);
  const choose = (p: string) => { setPole(p); setTasks(null); history.replaceState(null, '', `/association/tasks?pole=${p}`); void load(p); };
  const act = (work: () => Promise<unknown>) => { setError(null); return work().then(() => load()).catch((e: unknown) => setError(errorMessage(e))); };
  const advance = (x: TaskView) => act(() => (x.source === 'meeting_action' ? meetingsApi.done(x.id) : tasksApi.move(x.id, NEXT[x.status]!)));
  const create = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await tasksApi.create({ pole: (pole === 'mine' ? 'association' : pole) as TaskView['pole'], title: form.title, assigneeId: form.assigneeId || (pole === 'mine' ? me.id : null), dueOn: form.dueOn || null });
      setForm({ title: '', assigneeId: '', dueOn: '' });
    });
  };

  return (
    <Screen title={t('taskBoard.title')}>
      <p><a href="/association">{t('house.back')}</a></p>
      <nav class="task-poles" aria-label={t('taskBoard.poles')}>
        {(['mine', ...poles] as const).map((p) => (
          <Button key={p} variant={p === pole ? 'primary' : 'secondary'} onClick={() => choose(p)} testId={`task-pole-${p}`}>{t(`taskBoard.pole.${p}`)}</Button>
        ))}
      </nav>
      <FormError message={error} />
      <div class="task-columns">
        {TASK_STATUSES.map((status) => (
          <section key={status} class="task-column" aria-labelledby={`tasks-${status}`}>
            <h2 id={`tasks-${status}`}>{t(`taskBoard.status.${status}`)}</h2>
            <ul class="cards">
              {tasks?.filter((x) => x.status === status).map((x) => (
                <li key={`${x.source}-${x.id}`} class="card" data-testid="task-card">
                  <strong>{x.title}</strong>
                  {x.notes && <p>{x.notes}</p>}
                  <p class="card-meta">
                    {x.source === 'meeting_action' && `${t('taskBoard.fromMeeting')} · `}
                    {x.assigneeName ?? t('taskBoard.nobody')}
                    {x.dueOn && <> · <span class={x.overdue ? 'field-error' : undefined}>{t('taskBoard.due', { date: formatDate(x.dueOn, locale) })}</span></>}
                  </p>
                  {x.link && <p class="card-meta"><a href={x.link.path}>{x.link.label || t(`taskBoard.link.${x.link.kind}`)}</a></p>}
                  {NEXT[x.status] && (
                    <Button variant="secondary" onClick={() => advance(x)}>
                      {t(x.source === 'meeting_action' ? 'taskBoard.move.done' : `taskBoard.move.${NEXT[x.status] as 'doing' | 'done'}`)}
                    </Button>
                  )}
                  {x.source === 'task' && editing !== x.id && <> <Button variant="link" onClick={() => setEditing(x.id)} testId="task-edit-open">{t('taskBoard.edit.open')}</Button></>}
                  {editing === x.id && <TaskEditForm task={x} people={people} act={act} onClose={() => setEditing(null)} />}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <form class="card" onSubmit={create}>
        <h2>{t('taskBoard.add')}</h2>
        <TextField label={t('taskBoard.fields.title')} value={form.title} onValue={(v) => setForm({ ...form, title: v })} required maxLength={300} testId="task-title" />
        <SelectField label={t('taskBoard.fields.assignee')} value={form.assigneeId} onValue={(v) => setForm({ ...form, assigneeId: v })}
          options={[{ value: '', label: pole === 'mine' ? t('taskBoard.me') : t('taskBoard.nobody') }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]} />
        <DateInput label={t('taskBoard.fields.dueOn')} value={form.dueOn} onValue={(v) => setForm({ ...form, dueOn: v })} />
        <Button type="submit" testId="task-submit">{t('taskBoard.addAction')}</Button>
      </form>
      <SecretCalendarLink calls={tasksApi} keys="taskBoard.ical" testId="tasks-ical" />
    </Screen>
  );
}
