import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { Count, EvictionStatus, RecordVersionView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import type { SiteView } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { SiteMap } from '../../../ui/SiteMap';
import { TextField } from '../../../ui/TextField';
import { formatCount, formatDate, formatDateTime } from '../capture/format';
import { normalise } from '../capture/prefill';
import { hasPermission, useSession } from '../../identity/auth/session';
import { SiteEditor, SiteMerge, SiteUnmerge } from './SiteEditor';
import { SiteHistory } from './SiteHistory';
import { useMapTiles } from './useMapTiles';
import '../capture/field.css';
import './sites.css';

/** As GET /api/sites sends it (`evictionsInPeriod`: the last 30 days, the server's default). */
type SiteRow = SiteView & { evictionsInPeriod: number; evictionsTotal: number; lastEvictionAt: string | null };
type SiteRef = { id: string; code: string; name: string };
interface SiteDetail {
  site: SiteView;
  warning: 'outside_area' | null;
  mergedInto: SiteRef | null;
  mergedHere: SiteRef[];
  history: RecordVersionView[];
  timeline: { evictionId: string; arrivedAt: string; status: EvictionStatus; personsEvicted: Count | null }[];
}

/**
 * Living sites with how often they were evicted lately, as a list (the default on a phone) or
 * a map; the choice is in the address (?view=map) so it survives a reload and can be shared.
 */
export function SitesPage() {
  const t = useT();
  const locale = useLocale();
  const { query, path, route } = useLocation();
  const view = query.view === 'map' ? 'map' : 'list';
  const tiles = useMapTiles();
  const [sites, setSites] = useState<SiteRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  useEffect(() => {
    api.get<{ sites: SiteRow[] }>('/api/sites').then((r) => setSites(r.sites), (e) => setError(errorMessage(e)));
  }, []);
  const shown = useMemo(() => {
    const q = normalise(search);
    return (sites ?? [])
      .filter((s) => !q || normalise(`${s.code} ${s.name} ${s.aliases.join(' ')}`).includes(q))
      .sort((a, b) => b.evictionsInPeriod - a.evictionsInPeriod || a.code.localeCompare(b.code));
  }, [sites, search]);
  const recurrence = (s: SiteRow) => (s.evictionsInPeriod ? t('field.sites.recurrence', { count: s.evictionsInPeriod }) : t('field.sites.never'));
  const placed = shown.filter((s) => s.latitude !== null && s.longitude !== null).length;
  return (
    <Screen title={t('field.sites.title')}>
      <FormError message={error} />
      <div class="sites-toolbar">
        <div class="view-switch" role="group" aria-label={t('field.sites.view')}>
          {(['list', 'map'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => route(v === 'map' ? `${path}?view=map` : path, true)} data-testid={`sites-view-${v}`}>
              {t(`field.sites.views.${v}`)}
            </button>
          ))}
        </div>
        <TextField label={t('field.sites.search')} value={search} onValue={setSearch} testId="sites-search" />
      </div>
      {sites && shown.length === 0 && <p class="muted">{t('field.sites.empty')}</p>}
      {view === 'map' && sites && shown.length > 0 && (
        <>
          <p class="muted" data-testid="sites-map-note">
            {t('field.sites.mapNote', { placed, total: shown.length })}
          </p>
          <SiteMap
            sites={shown}
            label={t('field.sites.mapLabel')}
            tiles={tiles}
            sizeBy={(s) => s.evictionsInPeriod}
            describe={recurrence}
            noPositionLabel={t('field.sites.noPosition')}
            listLabel={t('field.sites.mapList')}
            testId="sites-map"
          />
        </>
      )}
      {view === 'list' && (
        <ul class="rows" data-testid="sites-list">
          {shown.map((s) => (
            <li key={s.id}>
              <a href={`/sites/${s.id}`} class="row-link" data-testid="site-row">
                <strong>{s.code}</strong>
                <span>{s.name}</span>
                {!s.active && <span class="chip chip-draft">{t('field.sites.inactive')}</span>}
                <span class={`recurrence${s.evictionsInPeriod >= 10 ? ' recurrence-high' : ''}`} data-testid="site-recurrence">
                  {recurrence(s)}
                </span>
                {s.lastEvictionAt && <span class="muted">{t('field.sites.last', { date: formatDate(s.lastEvictionAt, locale) })}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

export function SitePage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const { state } = useSession();
  const manager = hasPermission(state.status === 'ready' ? state.user : null, 'field.verify');
  const tiles = useMapTiles();
  const [data, setData] = useState<SiteDetail | null>(null);
  const [sites, setSites] = useState<SiteRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    api.get<SiteDetail>(`/api/sites/${params.id}`).then(setData, (e) => setError(errorMessage(e)));
    if (manager) api.get<{ sites: SiteRow[] }>('/api/sites').then((r) => setSites(r.sites), () => undefined);
  }, [params.id, round, manager]);
  const reload = (message: string) => {
    setDone(message);
    setRound(round + 1);
  };
  const names = useMemo(() => new Map([...sites, ...(data?.mergedHere ?? []), ...(data?.mergedInto ? [data.mergedInto] : [])].map((s) => [s.id, `${s.code} — ${s.name}`])), [sites, data]);
  return (
    <Screen title={data ? `${data.site.code} — ${data.site.name}` : t('field.sites.title')}>
      <p>
        <a href="/sites">{t('field.sites.back')}</a>
      </p>
      <FormError message={error} />
      {done && <p role="status" class="notice" data-testid="site-done">{done}</p>}
      {data && (
        <>
          {data.site.aliases.length > 0 && <p class="muted" data-testid="site-aliases">{data.site.aliases.join(', ')}</p>}
          {!data.site.active && !data.mergedInto && <p><span class="chip chip-draft">{t('field.sites.inactive')}</span></p>}
          {data.mergedInto && (
            <div class="notice" data-testid="site-merged-into">
              <p>
                {t('siteEditor.mergedInto')} <a href={`/sites/${data.mergedInto.id}`}>{`${data.mergedInto.code} — ${data.mergedInto.name}`}</a>
              </p>
              {manager && <SiteUnmerge site={data.site} onDone={reload} />}
            </div>
          )}
          {data.mergedHere.length > 0 && (
            <>
              <h2>{t('siteEditor.mergedHere')}</h2>
              <ul class="rows" data-testid="site-merged-here">
                {data.mergedHere.map((s) => (
                  <li key={s.id}><a href={`/sites/${s.id}`} class="row-link">{`${s.code} — ${s.name}`}</a></li>
                ))}
              </ul>
            </>
          )}
          {manager && !data.mergedInto && (
            <SiteEditor key={`${data.site.id}:${data.site.version}`} site={data.site} sites={sites} tiles={tiles} locale={locale} onSaved={reload} />
          )}
          {!manager && data.site.latitude !== null && (
            <SiteMap sites={[data.site]} label={t('field.sites.mapLabel')} tiles={tiles} noPositionLabel={t('field.sites.noPosition')} listLabel={t('field.sites.mapList')} />
          )}
          <h2>{t('field.sites.timeline')}</h2>
          {data.timeline.length === 0 && <p class="muted">{t('field.sites.noTimeline')}</p>}
          <ol class="rows" data-testid="site-timeline">
            {data.timeline.map((e) => (
              <li key={e.evictionId} class="row-link">
                <a href={`/evictions/${e.evictionId}`}><strong>{formatDateTime(e.arrivedAt, locale)}</strong></a>
                {e.personsEvicted && <span>{t('field.sites.persons', { value: formatCount(e.personsEvicted, locale) })}</span>}
                <span class={`chip chip-${e.status}`}>{t(`field.evictionStatus.${e.status}`)}</span>
              </li>
            ))}
          </ol>
          {manager && !data.mergedInto && sites.length > 1 && <SiteMerge key={data.site.version} site={data.site} sites={sites} onMerged={reload} />}
          <h2>{t('siteEditor.history')}</h2>
          <SiteHistory versions={data.history} names={names} />
        </>
      )}
    </Screen>
  );
}
