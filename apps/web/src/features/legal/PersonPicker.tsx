import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { formatDate } from '../field/capture/format';
import { legalApi, type PersonSearchView } from './legalApi';

export type PickedPerson = { id: string; pseudonym: string };
type Found = PersonSearchView['persons'][number];

/**
 * A party who is an exiled person, found by pseudonym as one types: each person comes with where they
 * appear (the latest incidents naming them), since "Homme 1" is rarely unique. Never an identifier to
 * paste, never an identity: those stay behind identities.read on the person.
 */
export function PersonPicker({ picked, onPick }: { picked: PickedPerson | null; onPick: (p: PickedPerson | null) => void }) {
  const t = useT();
  const locale = useLocale();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Waits for a pause in typing, and drops answers to an older text than the one in the field.
  useEffect(() => {
    const text = q.trim();
    if (text === '' || picked) { setFound(null); return; }
    let current = true;
    const timer = setTimeout(() => {
      legalApi.persons(text).then((r) => { if (current) { setFound(r); setError(null); } }, (e) => { if (current) setError(errorMessage(e)); });
    }, 250);
    return () => { current = false; clearTimeout(timer); };
  }, [q, picked]);

  if (picked) {
    return (
      <p data-testid="party-person-picked">
        {t('legalPicker.party.picked', { pseudonym: picked.pseudonym })}{' '}
        <Button variant="link" onClick={() => onPick(null)}>{t('legalPicker.party.change')}</Button>
      </p>
    );
  }
  const age = (p: Found) => (p.minor === null ? '' : ` (${p.minor ? t('legalPicker.party.minor') : t('legalPicker.party.adult')})`);
  return (
    <div class="record-picker" data-testid="person-picker">
      <TextField label={t('legalPicker.party.search')} hint={t('legalPicker.party.hint')} value={q} onValue={setQ} maxLength={60} testId="party-person-search" />
      <FormError message={error} />
      {found && found.length === 0 && <p class="muted">{t('legalPicker.party.none')}</p>}
      <ul class="rows">
        {found?.map((p) => (
          <li key={p.id} data-testid="party-person-result">
            <span>
              <strong>{p.pseudonym}</strong>{age(p)} —{' '}
              {p.incidentCount === 0 ? t('legalPicker.party.noAppearance') : (
                <>
                  {t('legalPicker.party.appearances', { count: p.incidentCount })}{' '}
                  {p.appearances.map((a, i) => (
                    <span key={a.incidentId}>{i > 0 && ', '}<a href={`/incidents/${a.incidentId}`} target="_blank" rel="noopener">{a.site.code} — {a.site.name}, {formatDate(a.at, locale)}</a></span>
                  ))}
                </>
              )}
            </span>{' '}
            <Button variant="secondary" onClick={() => onPick({ id: p.id, pseudonym: p.pseudonym })} testId="party-person-pick">{t('legalPicker.party.pick')}</Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
