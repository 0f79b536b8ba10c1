import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { meetingsApi, type DecisionView } from './meetingsApi';

/** The decisions log, searchable, each decision with its context and the meeting where it was taken. */
export function DecisionsPage() {
  const t = useT();
  const locale = useLocale();
  const [q, setQ] = useState('');
  const [list, setList] = useState<DecisionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => { meetingsApi.decisions(q).then(setList).catch((e: unknown) => setError(errorMessage(e))); }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <Screen title={t('meetings.decisions.title')}>
      <p><a href="/association/meetings">{t('meetings.back')}</a></p>
      <TextField label={t('meetings.decisions.search')} value={q} onValue={setQ} maxLength={200} />
      <FormError message={error} />
      {list?.length === 0 && <p>{t('meetings.decisions.none')}</p>}
      <ul class="cards">
        {list?.map((d) => (
          <li key={d.id} class="card">
            <strong>{d.text}</strong>
            {d.context && <p>{d.context}</p>}
            <p class="card-meta"><a href={`/association/meetings/${d.meetingId}`}>{d.meetingTitle}</a> — {formatDate(d.decidedAt, locale)}</p>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
