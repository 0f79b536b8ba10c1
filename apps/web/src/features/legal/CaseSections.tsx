import { useState } from 'preact/hooks';
import { PARTY_KINDS, PARTY_ROLES } from '@vigie/domain/rules';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate } from '../field/capture/format';
import { DateField } from './fields';
import { PersonPicker, type PickedPerson } from './PersonPicker';
import { RecordPicker } from './RecordPicker';
import { formatDay, legalApi, type LegalCaseView } from './legalApi';

type Props = { file: LegalCaseView; change: (work: () => Promise<LegalCaseView>) => void };

/** Parties: persons picked by pseudonym (their identity stays on the person, behind identities.read); others by name. */
export function CaseParties({ file, change }: Props) {
  const t = useT();
  const [kind, setKind] = useState<string>('association');
  const [role, setRole] = useState<string>('claimant');
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  function add(e: Event) {
    e.preventDefault();
    if (kind === 'person' && !person) { setError(t('legalPicker.party.required')); return; }
    setError(null);
    const body = kind === 'person' ? { kind, role, personId: person!.id } : { kind, role, name, contact };
    change(async () => { const f = await legalApi.change(file.id, 'parties', body); setPerson(null); setName(''); setContact(''); return f; });
  }
  return (
    <section aria-labelledby="case-parties-title">
      <h2 id="case-parties-title">{t('legalCases.case.parties')}</h2>
      {file.parties.length === 0 && <p>{t('legalCases.case.noParties')}</p>}
      <ul data-testid="case-parties">
        {file.parties.map((p) => (
          <li key={p.id}>
            <strong>{p.pseudonym ?? p.name}</strong> — {t(`legalCases.partyKinds.${p.kind}`)}, {t(`legalCases.partyRoles.${p.role}`)}{p.contact && ` (${p.contact})`}{' '}
            <Button variant="link" onClick={() => change(() => legalApi.remove(file.id, 'parties', p.id))}>{t('legalCases.case.remove')}</Button>
          </li>
        ))}
      </ul>
      <form class="legal-inline-form" onSubmit={add}>
        <SelectField label={t('legalCases.case.kind')} value={kind} onValue={setKind} options={PARTY_KINDS.map((k) => ({ value: k, label: t(`legalCases.partyKinds.${k}`) }))} />
        <SelectField label={t('legalCases.case.role')} value={role} onValue={setRole} options={PARTY_ROLES.map((r) => ({ value: r, label: t(`legalCases.partyRoles.${r}`) }))} />
        {kind === 'person' ? <PersonPicker picked={person} onPick={setPerson} /> : (
          <>
            <TextField label={t('legalCases.case.name')} value={name} onValue={setName} required />
            <TextField label={t('legalCases.case.contact')} value={contact} onValue={setContact} />
          </>
        )}
        <FormError message={error} />
        <Button type="submit" variant="secondary" testId="party-add">{t('legalCases.case.addParty')}</Button>
      </form>
    </section>
  );
}

/** Linked records are found with the picker (date, site, force, incident type): never a pasted identifier. */
export function CaseLinks({ file, change }: Props) {
  const t = useT();
  const locale = useLocale();
  const link = (target: string, id: string) => change(() => legalApi.change(file.id, 'links', { target, id }));
  return (
    <section aria-labelledby="case-links-title">
      <h2 id="case-links-title">{t('legalCases.case.links')}</h2>
      {file.links.length === 0 && <p>{t('legalCases.case.noLinks')}</p>}
      <ul data-testid="case-links">
        {file.links.map((l) => (
          <li key={l.id}>
            {t(`legalCases.case.targets.${l.target}`)} : {l.target === 'eviction' ? <a href={`/evictions/${l.targetId}`} data-testid="case-link-eviction">{l.label}</a>
              : l.target === 'incident' ? <a href={`/incidents/${l.targetId}`} data-testid="case-link-incident">{l.label}</a> : l.label}
            {l.date && ` — ${formatDate(l.date, locale)}`}{l.note && ` (${l.note})`}{' '}
            <Button variant="link" onClick={() => change(() => legalApi.remove(file.id, 'links', l.id))}>{t('legalCases.case.remove')}</Button>
          </li>
        ))}
      </ul>
      <RecordPicker onPick={link} />
    </section>
  );
}

export function CaseTasks({ file, change }: Props) {
  const t = useT();
  const locale = useLocale();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  function add(e: Event) {
    e.preventDefault();
    change(async () => { const f = await legalApi.change(file.id, 'tasks', { title, dueOn: dueOn || null }); setTitle(''); setDueOn(''); return f; });
  }
  return (
    <section aria-labelledby="case-tasks-title">
      <h2 id="case-tasks-title">{t('legalCases.case.tasks')}</h2>
      {file.tasks.length === 0 && <p>{t('legalCases.case.noTasks')}</p>}
      <ul data-testid="case-tasks">
        {file.tasks.map((task) => (
          <li key={task.id} class={task.overdue ? 'legal-overdue' : undefined}>
            <label>
              <input type="checkbox" checked={task.done} onChange={(e) => change(() => legalApi.patchTask(file.id, task.id, { done: e.currentTarget.checked }))} />{' '}
              {task.title}
            </label>
            {task.dueOn && ` — ${formatDay(task.dueOn, locale, 'short')}`}{task.ownerName && ` — ${task.ownerName}`}
            {task.overdue && <strong> {t('legalCases.case.overdue')}</strong>}
          </li>
        ))}
      </ul>
      <form class="legal-inline-form" onSubmit={add}>
        <TextField label={t('legalCases.case.taskTitle')} value={title} onValue={setTitle} required />
        <DateField label={t('legalCases.case.dueOn')} value={dueOn} onValue={setDueOn} />
        <Button type="submit" variant="secondary">{t('legalCases.case.addTask')}</Button>
      </form>
    </section>
  );
}
