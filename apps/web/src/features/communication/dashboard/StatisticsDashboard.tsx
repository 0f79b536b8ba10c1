import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CHARTS, formatFigure, formatPeriod } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { FormError } from '../../../ui/FormError';
import { SiteMap } from '../../../ui/SiteMap';
import { hasPermission, useUser } from '../../identity/auth/session';
import { useMapTiles } from '../../field/sites/useMapTiles';
import { ChartCard } from './ChartCard';
import { DashboardFilters } from './DashboardFilters';
import { EvictionList } from './EvictionList';
import { ForceCombinations } from './ForceCombinations';
import { HeadlineFigures } from './HeadlineFigures';
import { RoundFigures } from './RoundFigures';
import { filterFromQuery, toQuery, type DashboardFilter } from './period';
import type { BreakdownRow, FilterOptions, Summary } from './types';
import './dashboard.css';

/** Days, weeks, months or years: whichever keeps the time chart readable for the period. */
function bucketFor(f: DashboardFilter): 'day' | 'week' | 'month' | 'year' {
  const days = (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 + 1;
  if (days <= 45) return 'day';
  if (days <= 190) return 'week';
  if (days <= 1100) return 'month';
  return 'year';
}

/**
 * The statistics of verified observations: filters kept in the address (a view can be shared),
 * headline figures, charts with their downloads, the sites as a map sized by evictions, and the
 * evictions behind the figures.
 */
export function StatisticsDashboard() {
  const t = useT();
  const locale = useLocale();
  const user = useUser();
  const tiles = useMapTiles();
  const { query, route } = useLocation();
  const filter = filterFromQuery(query);
  const qs = toQuery(filter);
  const [options, setOptions] = useState<FilterOptions | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [sites, setSites] = useState<BreakdownRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<FilterOptions>('/api/statistics/filters').then(setOptions, (e) => setError(errorMessage(e)));
  }, [locale]);
  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([
      api.get<Summary>(`/api/statistics/summary?${qs}`),
      api.get<{ rows: BreakdownRow[] }>(`/api/statistics/breakdown?${toQuery(filter, { by: 'site', detail: 'value' })}`),
    ]).then(([s, b]) => {
      if (!live) return;
      setSummary(s);
      setSites(b.rows);
    }, (e) => live && setError(errorMessage(e)));
    return () => { live = false; };
  }, [qs, locale]);

  const onChange = (f: DashboardFilter) => route(`/statistics?${toQuery(f)}`, true);
  const chartQuery = toQuery(filter, { bucket: bucketFor(filter) });
  const mapSites = sites.filter((r) => r.site).map((r) => ({ id: r.key, ...r.site!, row: r }));
  return (
    <div class="statistics">
      <p class="statistics-lead">{t('statistics.lead')}</p>
      {/* The headline figures come first, above the fold of a laptop; the filters follow. */}
      {summary && !error && (
        <>
          <p class="muted" data-testid="period">{t('statistics.period', { period: formatPeriod(summary.from, summary.to, locale) })}</p>
          {filter.includeDrafts && <p class="notice">{t('statistics.draftsNotice')}</p>}
          <HeadlineFigures summary={summary} />
        </>
      )}
      <DashboardFilters filter={filter} options={options} canSeeDrafts={hasPermission(user, 'field.verify')} onChange={onChange} />
      <FormError message={error} />
      {summary && !error && (
        <>
          <section aria-labelledby="charts-title">
            <h3 id="charts-title">{t('statistics.chartsTitle')}</h3>
            <div class="chart-grid">
              {CHARTS.map((chart) => <ChartCard key={`${chart}-${chartQuery}`} chart={chart} query={chartQuery} />)}
            </div>
          </section>
          <RoundFigures summary={summary} />
          <ForceCombinations filter={filter} allCorps={(options?.forces ?? []).map((f) => f.code)} onChange={onChange} />
          <section aria-labelledby="sites-title">
            <h3 id="sites-title">{t('statistics.sitesTitle')}</h3>
            {mapSites.length === 0 ? <p class="muted">{t('statistics.noEvictions')}</p> : (
              <SiteMap
                sites={mapSites}
                label={t('statistics.mapLabel')}
                tiles={tiles}
                sizeBy={(s) => s.row.value}
                describe={(s) => t('statistics.siteEvictions', { figure: formatFigure(s.row, locale) })}
                href={(s) => `/?${toQuery({ ...filter, siteId: s.id })}`}
                noPositionLabel={t('statistics.noPosition')}
                listLabel={t('statistics.mapList')}
                testId="dashboard-map"
              />
            )}
          </section>
          {/* Row-level list: field access only; researchers and others see aggregates only. */}
          {hasPermission(user, 'records.read')
            ? <EvictionList query={qs} canReview={hasPermission(user, 'field.verify')} />
            : <p class="muted" data-testid="aggregates-only">{t('research.aggregatesOnly')}</p>}
        </>
      )}
    </div>
  );
}
