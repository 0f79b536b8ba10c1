import { useState } from 'preact/hooks';
import { TASK_STATUSES, type TaskStatus } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { DateInput, LongText } from '../postings/fields';
import { tasksApi, type TaskView } from './tasksApi';

/** A task edited on its card: title, description, who does it, by when, and its column. */
export function TaskEditForm({ task, people, act, onClose }: {
  task: TaskView; people: Array<{ id: string; displayName: string }>; act: (work: () => Promise<unknown>) => Promise<unknown>; onClose: () => void;
}) {
  const t = useT();
  const [v, setV] = useState({ title: task.title, notes: task.notes, assigneeId: task.assigneeId ?? '', dueOn: task.dueOn ?? '', status: task.status });
  // The current assignee stays choosable even when the picker only offers "me".
  const choices = task.assigneeId && !people.some((p) => p.id === task.assigneeId) ? [...people, { id: task.assigneeId, displayName: task.assigneeName ?? '' }] : people;
  return (
    <form data-testid="task-edit" onSubmit={(e) => {
      e.preventDefault();
      void act(() => tasksApi.edit(task.id, { title: v.title, notes: v.notes, assigneeId: v.assigneeId || null, dueOn: v.dueOn || null, status: v.status }).then(onClose));
    }}>
      <TextField label={t('taskBoard.fields.title')} value={v.title} onValue={(x) => setV({ ...v, title: x })} required maxLength={300} />
      <LongText label={t('taskBoard.fields.notes')} value={v.notes} onValue={(x) => setV({ ...v, notes: x })} rows={3} />
      <SelectField label={t('taskBoard.fields.assignee')} value={v.assigneeId} onValue={(x) => setV({ ...v, assigneeId: x })}
        options={[{ value: '', label: t('taskBoard.nobody') }, ...choices.map((p) => ({ value: p.id, label: p.displayName }))]} />
      <DateInput label={t('taskBoard.fields.dueOn')} value={v.dueOn} onValue={(x) => setV({ ...v, dueOn: x })} />
      <SelectField label={t('taskBoard.fields.column')} value={v.status} onValue={(x) => setV({ ...v, status: x as TaskStatus })}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskBoard.status.${s}`) }))} />
      <Button type="submit" testId="task-edit-save">{t('taskBoard.edit.save')}</Button> <Button variant="secondary" onClick={onClose}>{t('taskBoard.edit.close')}</Button>
    </form>
  );
}
