import { useEffect, useState } from 'preact/hooks';
import { isRightToLeft } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import { pressApi, type PressReleaseView } from './pressReleasesApi';
import type { QuotableTestimony } from '@vigie/domain/rules';

/**
 * Quotes from testimonies in a release: picked among the excerpts whose persons agreed to be
 * quoted anonymously; a quote whose consent was withdrawn shows no text and must be removed.
 */
export function TestimonyQuotes({ release, act }: { release: PressReleaseView; act: (w: () => Promise<PressReleaseView>) => void }) {
  const t = useT();
  const draft = release.status === 'draft';
  const [quotable, setQuotable] = useState<QuotableTestimony[]>([]);
  const [picked, setPicked] = useState('');
  useEffect(() => { if (draft) pressApi.quotable().then((q) => { setQuotable(q); setPicked(q[0]?.id ?? ''); }, () => {}); }, [draft]);
  return (
    <section class="card" aria-labelledby="press-testimony-quotes">
      <h2 id="press-testimony-quotes">{t('press.testimonyQuotes.title')}</h2>
      <p>{t('press.testimonyQuotes.intro')}</p>
      <ul data-testid="press-testimony-quotes">
        {release.testimonyQuotes.map((q, i) => (
          <li key={q.id}>
            {q.text !== null ? <q dir="auto">{q.text}</q> : <strong role="note">{t('press.testimonyQuotes.withdrawn', { n: i + 1 })}</strong>}
            {draft && <>{' '}<Button variant="secondary" onClick={() => act(() => pressApi.removeQuote(release.id, q.id))}>{t('press.testimonyQuotes.remove')}</Button></>}
          </li>
        ))}
      </ul>
      {draft && (quotable.length === 0 ? <p>{t('press.testimonyQuotes.none')}</p> : (
        <form onSubmit={(e) => { e.preventDefault(); act(() => pressApi.post(release.id, 'testimony-quotes', { testimonyId: picked })); }}>
          <SelectField label={t('press.testimonyQuotes.pick')} value={picked} onValue={setPicked}
            options={quotable.map((q) => ({ value: q.id, label: `${isRightToLeft(q.language) ? '\u202B' : ''}${q.quote.slice(0, 80)}${isRightToLeft(q.language) ? '\u202C' : ''} (${q.givenIn})` }))} />
          <Button type="submit">{t('press.testimonyQuotes.insert')}</Button>
        </form>
      ))}
    </section>
  );
}
