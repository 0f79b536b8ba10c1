import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { can, formatDate, formatDateTime, TASK_POLES, type TaskPole } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { tasksApi } from '../tasks/tasksApi';
import { meetingsApi, type MeetingView } from './meetingsApi';

/**
 * One meeting: the agenda (carried actions first), where any member proposes an item beforehand;
 * during the meeting, minutes, decisions and actions; the minutes as PDF.
 */
export function MeetingPage() {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const manage = hasPermission(me, 'meetings.manage');
  const { params } = useRoute();
  const id = params.id!;
  const [m, setM] = useState<MeetingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [members, setMembers] = useState<Array<{ id: string; displayName: string }>>([]);
  const [item, setItem] = useState('');
  const [minutes, setMinutes] = useState('');
  const [decision, setDecision] = useState('');
  const [context, setContext] = useState('');
  const [action, setAction] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [forDecision, setForDecision] = useState('');
  // Which actions are already on a board (and which), and the board chosen for each one that is not.
  const [onBoard, setOnBoard] = useState<Record<string, TaskPole>>({});
  const [boardFor, setBoardFor] = useState<Record<string, TaskPole>>({});
  const poles = TASK_POLES.filter((p) => p !== 'legal' || can(me.roles, 'legal.manage'));

  useEffect(() => {
    if (!m) return;
    tasksApi.ofActions(m.actions.map((a) => a.id)).then((ts) => setOnBoard(Object.fromEntries(ts.map((x) => [x.actionId, x.pole])))).catch(() => undefined);
  }, [m]);
  useEffect(() => {
    meetingsApi.meeting(id).then((v) => { setM(v); setMinutes(v.minutes); }).catch((e: unknown) => setError(errorMessage(e)));
    if (manage) meetingsApi.members().then(setMembers).catch(() => undefined);
  }, [id]);
  const act = async (f: () => Promise<MeetingView>, after?: () => void) => {
    setError(null);
    try { setM(await f()); after?.(); } catch (e) { setError(errorMessage(e)); }
  };

  if (!m) return <Screen title={t('meetings.title')}><FormError message={error} />{!error && <p>{t('app.loading')}</p>}</Screen>;
  const live = m.status === 'in_progress';
  return (
    <Screen title={m.title}>
      <p><a href="/association/meetings">{t('meetings.back')}</a> · <a href={`/api/association/meetings/${m.id}/minutes.pdf`} download>{t('meetings.minutesPdf')}</a></p>
      <p class="card-meta">{formatDateTime(m.startsAt, locale)} · {t(`meetings.status.${m.status}`)}{m.kind === 'retreat' && ` · ${t('meetings.retreat')}`}</p>
      <FormError message={error} />
      {manage && m.status === 'planned' && <Button onClick={() => void act(() => meetingsApi.start(m.id))}>{t('meetings.start')}</Button>}
      {manage && live && <Button variant="secondary" onClick={() => void act(() => meetingsApi.close(m.id))}>{t('meetings.close')}</Button>}

      <section class="card" aria-labelledby="meeting-agenda">
        <h2 id="meeting-agenda">{t('meetings.agenda')}</h2>
        <ol>
          {m.agenda.map((a) => (
            <li key={a.id}>
              {a.source === 'action' ? t('meetings.carried', { title: a.title }) : a.title}
              {a.proposedBy && <small> — {t('meetings.proposedBy', { name: a.proposedBy })}</small>}
            </li>
          ))}
        </ol>
        {m.status !== 'closed' && (
          <form onSubmit={(e) => { e.preventDefault(); void act(() => meetingsApi.propose(m.id, { title: item, notes: '' }), () => setItem('')); }}>
            <TextField label={t('meetings.propose')} value={item} onValue={setItem} required maxLength={300} />
            <Button type="submit" variant="secondary">{t('meetings.proposeAction')}</Button>
          </form>
        )}
      </section>

      {manage && live && (
        <section class="card" aria-labelledby="meeting-minutes">
          <h2 id="meeting-minutes">{t('meetings.minutes')}</h2>
          <textarea aria-labelledby="meeting-minutes" rows={8} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          <Button variant="secondary" onClick={() => void act(() => meetingsApi.minutes(m.id, minutes))}>{t('meetings.saveMinutes')}</Button>
        </section>
      )}

      <section class="card" aria-labelledby="meeting-decisions">
        <h2 id="meeting-decisions">{t('meetings.decisions.title')}</h2>
        <ul>{m.decisions.map((d) => <li key={d.id} id={`decision-${d.id}`}><strong>{d.text}</strong>{d.context && <> — {d.context}</>}</li>)}</ul>
        {manage && live && (
          <form onSubmit={(e) => { e.preventDefault(); void act(() => meetingsApi.decide(m.id, { text: decision, context }), () => { setDecision(''); setContext(''); }); }}>
            <TextField label={t('meetings.decisions.text')} value={decision} onValue={setDecision} maxLength={4000} />
            <TextField label={t('meetings.decisions.context')} value={context} onValue={setContext} maxLength={4000} />
            <Button type="submit">{t('meetings.decisions.record')}</Button>
          </form>
        )}
      </section>

      <section class="card" aria-labelledby="meeting-actions">
        <h2 id="meeting-actions">{t('meetings.actions.title')}</h2>
        <ul>
          {m.actions.map((a) => (
            <li key={a.id}>
              {a.title} — {a.ownerName}, {t('meetings.actions.due', { date: formatDate(a.dueOn, locale) })}
              {a.decisionId && <small> — {t('meetings.actions.forDecision', { text: m.decisions.find((d) => d.id === a.decisionId)?.text ?? '' })}</small>}
              {a.doneAt ? ` · ${t('meetings.actions.done')}` : (manage || a.ownerId === me.id) && (
                <> <Button variant="link" onClick={() => void act(() => meetingsApi.done(a.id))}>{t('meetings.actions.markDone')}</Button></>
              )}
              {onBoard[a.id]
                ? <p class="card-meta" data-testid="action-on-board"><a href={`/association/tasks?pole=${onBoard[a.id]}`}>{t('meetings.actions.onBoard', { board: t(`taskBoard.pole.${onBoard[a.id]!}`) })}</a></p>
                : (manage || a.ownerId === me.id) && (
                  <form class="inline-form" onSubmit={(e) => {
                    e.preventDefault();
                    const pole = boardFor[a.id] ?? 'association';
                    setError(null);
                    tasksApi.fromAction(a.id, pole).then(() => setOnBoard({ ...onBoard, [a.id]: pole })).catch((err: unknown) => setError(errorMessage(err)));
                  }}>
                    <label for={`board-${a.id}`}>{t('meetings.actions.board')}</label>{' '}
                    <select id={`board-${a.id}`} value={boardFor[a.id] ?? 'association'} onChange={(e) => setBoardFor({ ...boardFor, [a.id]: e.currentTarget.value as TaskPole })}>
                      {poles.map((p) => <option key={p} value={p}>{t(`taskBoard.pole.${p}`)}</option>)}
                    </select>{' '}
                    <Button type="submit" variant="secondary" testId="action-to-board">{t('meetings.actions.toBoard')}</Button>
                  </form>
                )}
            </li>
          ))}
        </ul>
        {manage && m.status !== 'closed' && (
          <form onSubmit={(e) => { e.preventDefault(); void act(() => meetingsApi.addAction(m.id, { title: action, ownerId: owner, dueOn: due, decisionId: forDecision || null }), () => setAction('')); }}>
            <TextField label={t('meetings.actions.what')} value={action} onValue={setAction} maxLength={300} />
            {m.decisions.length > 0 && (
              <div class="field">
                <label for="action-decision">{t('meetings.actions.decision')}</label>
                <select id="action-decision" value={forDecision} onChange={(e) => setForDecision(e.currentTarget.value)}>
                  <option value="">{t('meetings.actions.noDecision')}</option>
                  {m.decisions.map((d) => <option key={d.id} value={d.id}>{d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text}</option>)}
                </select>
              </div>
            )}
            <div class="field">
              <label for="action-owner">{t('meetings.actions.owner')}</label>
              <select id="action-owner" value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
                <option value="">{t('meetings.actions.chooseOwner')}</option>
                {members.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="action-due">{t('meetings.actions.dueOn')}</label>
              <input id="action-due" type="date" required value={due} onInput={(e) => setDue(e.currentTarget.value)} />
            </div>
            <Button type="submit">{t('meetings.actions.add')}</Button>
          </form>
        )}
      </section>
    </Screen>
  );
}
