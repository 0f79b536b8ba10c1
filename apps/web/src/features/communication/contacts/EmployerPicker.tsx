import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactSummaryView } from './contactsApi';

/**
 * A person's organisation, found by typing part of its name (the registry may hold thousands of
 * organisations: a select list of all of them would be cut or unusable). The search is the
 * desk's own (`kind=organisation&q=…`), asked 200 ms after the last key.
 */
export function EmployerPicker({ value, initialName, exceptId, onValue }: {
  value: string; initialName: string | null; exceptId: string; onValue: (id: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState(initialName);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ContactSummaryView[]>([]);

  useEffect(() => {
    if (q.trim().length < 2) { setFound([]); return; }
    const timer = setTimeout(() => contactsApi.search(new URLSearchParams({ kind: 'organisation', q: q.trim() }).toString())
      .then((cs) => setFound(cs.filter((c) => c.id !== exceptId).slice(0, 10)), () => setFound([])), 200);
    return () => clearTimeout(timer);
  }, [q, exceptId]);

  return (
    <fieldset data-testid="employer-picker">
      <legend>{t('contacts.fields.employer')}</legend>
      {value ? (
        <p>
          <strong data-testid="employer-chosen">{name ?? '—'}</strong>{' '}
          <Button variant="link" onClick={() => { onValue(''); setName(null); }}>{t('contacts.employerPicker.remove')}</Button>
        </p>
      ) : <p class="muted">{t('contacts.employerPicker.none')}</p>}
      <TextField label={t('contacts.employerPicker.search')} value={q} onValue={setQ} hint={t('contacts.employerPicker.hint')} testId="employer-q" />
      {q.trim().length >= 2 && found.length === 0 && <p class="muted">{t('contacts.employerPicker.noMatch')}</p>}
      <ul class="rows">
        {found.map((o) => (
          <li key={o.id}>
            <Button variant="link" onClick={() => { onValue(o.id); setName(o.displayName); setQ(''); }}>{o.displayName}</Button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
