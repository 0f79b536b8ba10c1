import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { postingsApi, type PostingView } from './postingsApi';

/** The association's postings, drafts first in the order written; each opens its editor. */
export function PostingsPage() {
  const t = useT();
  const [postings, setPostings] = useState<PostingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { postingsApi.list().then(setPostings).catch((e: unknown) => setError(errorMessage(e))); }, []);
  return (
    <Screen title={t('association.postings.title')}>
      <p><a href="/association">{t('association.back')}</a> · <a href="/association/postings/new" data-testid="posting-new">{t('association.postings.new')}</a></p>
      <FormError message={error} />
      {postings === null && !error && <p>{t('app.loading')}</p>}
      {postings?.length === 0 && <p>{t('association.postings.empty')}</p>}
      {postings && postings.length > 0 && (
        <ul class="cards">
          {postings.map((p) => (
            <li key={p.id} class="card">
              <h2><a href={`/association/postings/${p.id}`}>{p.title}</a></h2>
              <p class="card-meta">
                {t(`association.postings.engagement.${p.engagement}`)} · {p.locality} · {t(`association.postings.status.${p.status}`)} ·{' '}
                {t('association.postings.closesOn', { date: p.closesOn })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
