import { useEffect, useState } from 'preact/hooks';
import { formatFigure } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { FormError } from '../../../ui/FormError';
import type { EvictionItem } from './types';

const PAGE_SIZE = 25;

/** The evictions behind the figures, newest first; verifiers open each one in the review screen. */
export function EvictionList({ query, canReview }: { query: string; canReview: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; evictions: EvictionItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setPage(1), [query]);
  useEffect(() => {
    let live = true;
    api.get<{ total: number; evictions: EvictionItem[] }>(`/api/statistics/evictions?${query}&page=${page}&pageSize=${PAGE_SIZE}`)
      .then((d) => live && setData(d), (e) => live && setError(errorMessage(e)));
    return () => { live = false; };
  }, [query, page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="drilldown-title">
      <h3 id="drilldown-title">{t('statistics.drilldown.title', { count: data?.total ?? 0 })}</h3>
      <FormError message={error} />
      {data && data.evictions.length === 0 && <p class="muted">{t('statistics.noEvictions')}</p>}
      {data && data.evictions.length > 0 && (
        <table class="drilldown" data-testid="drilldown">
          <thead>
            <tr>
              <th scope="col">{t('statistics.drilldown.date')}</th>
              <th scope="col">{t('statistics.drilldown.site')}</th>
              <th scope="col">{t('statistics.drilldown.persons')}</th>
              <th scope="col">{t('statistics.drilldown.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.evictions.map((e) => (
              <tr key={e.id}>
                <td>{canReview ? <a href={`/evictions/${e.id}`}>{e.date}</a> : e.date}</td>
                <td>{`${e.site.code} — ${e.site.name}`}</td>
                <td>{e.personsEvicted ? formatFigure(e.personsEvicted, locale) : '—'}</td>
                <td>{t(`statistics.status.${e.status as 'draft'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <p class="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('statistics.drilldown.previous')}</button>
          <span>{t('statistics.drilldown.page', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('statistics.drilldown.next')}</button>
        </p>
      )}
    </section>
  );
}
