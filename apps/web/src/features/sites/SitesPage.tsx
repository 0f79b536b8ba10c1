import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { Count, EvictionStatus } from '@vigie/domain/rules';
import { api, errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import type { SiteView } from '../../offline/types';
import { Screen } from '../../shell/Screen';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { formatCount, formatDate, formatDateTime } from '../field/format';
import { normalise } from '../field/prefill';
import '../field/field.css';

/** As GET /api/sites sends it (`evictionsInPeriod`: the last 30 days, the server's default). */
type SiteRow = SiteView & { evictionsInPeriod: number; evictionsTotal: number; lastEvictionAt: string | null };
interface SiteDetail {
  site: SiteView;
  timeline: { evictionId: string; arrivedAt: string; status: EvictionStatus; personsEvicted: Count | null }[];
}

/** Living sites with how often they were evicted lately; a map comes later. */
export function SitesPage() {
  const t = useT();
  const locale = useLocale();
  const [sites, setSites] = useState<SiteRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    api.get<{ sites: SiteRow[] }>('/api/sites').then((r) => setSites(r.sites), (e) => setError(errorMessage(e)));
  }, []);
  const shown = useMemo(() => {
    const q = normalise(query);
    return (sites ?? [])
      .filter((s) => !q || normalise(`${s.code} ${s.name} ${s.aliases.join(' ')}`).includes(q))
      .sort((a, b) => b.evictionsInPeriod - a.evictionsInPeriod || a.code.localeCompare(b.code));
  }, [sites, query]);
  return (
    <Screen title={t('field.sites.title')}>
      <FormError message={error} />
      <TextField label={t('field.sites.search')} value={query} onValue={setQuery} testId="sites-search" />
      {sites && shown.length === 0 && <p class="muted">{t('field.sites.empty')}</p>}
      <ul class="rows" data-testid="sites-list">
        {shown.map((s) => (
          <li key={s.id}>
            <a href={`/sites/${s.id}`} class="row-link" data-testid="site-row">
              <strong>{s.code}</strong>
              <span>{s.name}</span>
              {!s.active && <span class="chip chip-draft">{t('field.sites.inactive')}</span>}
              <span class={`recurrence${s.evictionsInPeriod >= 10 ? ' recurrence-high' : ''}`} data-testid="site-recurrence">
                {s.evictionsInPeriod ? t('field.sites.recurrence', { count: s.evictionsInPeriod }) : t('field.sites.never')}
              </span>
              {s.lastEvictionAt && <span class="muted">{t('field.sites.last', { date: formatDate(s.lastEvictionAt, locale) })}</span>}
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}

export function SitePage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const [data, setData] = useState<SiteDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<SiteDetail>(`/api/sites/${params.id}`).then(setData, (e) => setError(errorMessage(e)));
  }, [params.id]);
  return (
    <Screen title={data ? `${data.site.code} — ${data.site.name}` : t('field.sites.title')}>
      <p>
        <a href="/sites">{t('field.sites.back')}</a>
      </p>
      <FormError message={error} />
      {data && (
        <>
          {data.site.aliases.length > 0 && <p class="muted">{data.site.aliases.join(', ')}</p>}
          <h2>{t('field.sites.timeline')}</h2>
          {data.timeline.length === 0 && <p class="muted">{t('field.sites.noTimeline')}</p>}
          <ol class="rows" data-testid="site-timeline">
            {data.timeline.map((e) => (
              <li key={e.evictionId} class="row-link">
                <strong>{formatDateTime(e.arrivedAt, locale)}</strong>
                {e.personsEvicted && <span>{t('field.sites.persons', { value: formatCount(e.personsEvicted, locale) })}</span>}
                <span class={`chip chip-${e.status}`}>{t(`field.evictionStatus.${e.status}`)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Screen>
  );
}
