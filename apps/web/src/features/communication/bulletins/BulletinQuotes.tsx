import { useEffect, useState } from 'preact/hooks';
import { isRightToLeft, type QuotableTestimony } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import type { Bulletin } from './bulletinApi';

/** The excerpt as a picker line: its first words, kept in its own direction, and the language it was given in. */
const optionLabel = (q: QuotableTestimony) => {
  const rtl = isRightToLeft(q.language);
  return `${rtl ? '\u202B' : ''}${q.quote.slice(0, 80)}${rtl ? '\u202C' : ''} (${q.givenIn})`;
};

/**
 * Quotes from testimonies in a draft bulletin. The picker offers only the excerpts whose persons
 * agree to be quoted anonymously in publications (GET /api/testimonies/quotable); the bulletin
 * keeps a reference, and the server reads the text through the consent check each time: a quote
 * whose consent was withdrawn shows no text, leaves the preview and blocks publication.
 */
export function BulletinQuotes({ bulletin, run, show }: {
  bulletin: Bulletin; run: (work: () => Promise<void>) => Promise<void>; show: (b: Bulletin) => void;
}) {
  const t = useT();
  const [quotable, setQuotable] = useState<QuotableTestimony[]>([]);
  const [picked, setPicked] = useState('');
  useEffect(() => {
    api.get<{ quotes: QuotableTestimony[] }>('/api/testimonies/quotable').then((r) => { setQuotable(r.quotes); setPicked(r.quotes[0]?.id ?? ''); }, () => {});
  }, [bulletin.id]);
  const insert = () => run(async () => {
    show((await api.post<{ bulletin: Bulletin }>(`/api/bulletins/${bulletin.id}/testimony-quotes`, { testimonyId: picked })).bulletin);
  });
  const remove = (quoteId: string) => run(async () => {
    show((await api.delete<{ bulletin: Bulletin }>(`/api/bulletins/${bulletin.id}/testimony-quotes/${quoteId}`)).bulletin);
  });
  return (
    <section class="card" aria-labelledby="bulletin-testimony-quotes">
      <h3 id="bulletin-testimony-quotes">{t('bulletins.quotes.title')}</h3>
      <p class="field-hint">{t('bulletins.quotes.intro')}</p>
      <ul data-testid="bulletin-testimony-quotes">
        {bulletin.testimonyQuotes.map((q, i) => (
          <li key={q.id}>
            {q.text !== null ? <q dir="auto">{q.text}</q> : <strong role="note" data-testid="bulletin-quote-withdrawn">{t('bulletins.quotes.withdrawn', { n: i + 1 })}</strong>}
            {' '}<Button variant="secondary" onClick={() => void remove(q.id)}>{t('bulletins.quotes.remove')}</Button>
          </li>
        ))}
      </ul>
      {quotable.length === 0 ? <p class="muted">{t('bulletins.quotes.none')}</p> : (
        <form onSubmit={(e) => { e.preventDefault(); void insert(); }}>
          <SelectField label={t('bulletins.quotes.pick')} value={picked} onValue={setPicked} options={quotable.map((q) => ({ value: q.id, label: optionLabel(q) }))} />
          <Button type="submit" variant="secondary" testId="bulletin-quote-insert">{t('bulletins.quotes.insert')}</Button>
        </form>
      )}
    </section>
  );
}
