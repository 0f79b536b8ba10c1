import { formatPeriod } from '@vigie/domain/rules';
import type { ChartName, Locale, StatisticsBucket } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import type { ChartSpec } from '../charts/index.js';
import { computeBreakdown } from './statistics.breakdown.js';
import { areasById } from './statistics.queries.js';
import { computeSeries, type StatisticsFilter } from './statistics.service.js';

/** The dashboard's four charts as chart specs; the charts module draws them (SVG, PNG) or lists their data (CSV). */
const WORDS = {
  fr: {
    evictionsOverTime: 'Expulsions', byCommune: 'Expulsions par commune', byItemType: 'Affaires saisies par type',
    byForce: 'Expulsions par force présente', evictions: 'Expulsions', items: 'Affaires saisies', commune: 'Commune',
    itemType: "Type d'affaires", force: 'Force', atLeast: 'au moins', allAreas: 'Toutes les zones', source: 'Source : ',
    bucket: { day: 'Jour', week: 'Semaine (lundi)', month: 'Mois', year: 'Année' },
  },
  en: {
    evictionsOverTime: 'Evictions', byCommune: 'Evictions by commune', byItemType: 'Belongings seized by type',
    byForce: 'Evictions by force present', evictions: 'Evictions', items: 'Belongings seized', commune: 'Commune',
    itemType: 'Item type', force: 'Force', atLeast: 'at least', allAreas: 'All areas', source: 'Source: ',
    bucket: { day: 'Day', week: 'Week (Monday)', month: 'Month', year: 'Year' },
  },
} as const;

/**
 * What a downloaded chart says about itself, so it can be pasted into a post or a slide on its
 * own: the area and the period by name under the title, and the organisation as its source.
 */
async function captionOf(trx: Trx, filter: StatisticsFilter, locale: Locale) {
  const area = filter.areaCode ? (await areasById(trx)).find((a) => a.code === filter.areaCode)?.name : undefined;
  return `${area ?? WORDS[locale].allAreas} — ${formatPeriod(filter.from, filter.to, locale)}`;
}

/** A y axis says "(au moins)" as soon as one value drawn is a minimum: a chart must not overstate certainty. */
function yLabel(base: string, atLeast: boolean, locale: Locale): string {
  return atLeast ? `${base} (${WORDS[locale].atLeast})` : base;
}

export async function chartSpecOf(
  trx: Trx, chart: ChartName, filter: StatisticsFilter, bucket: StatisticsBucket, locale: Locale, organisationName: string,
): Promise<ChartSpec> {
  const w = WORDS[locale];
  const title = w[chart];
  const subtitle = await captionOf(trx, filter, locale);
  const source = `${w.source}${organisationName}`;
  if (chart === 'evictionsOverTime') {
    const points = await computeSeries(trx, filter, bucket, 'evictions');
    return {
      kind: points.length > 1 ? 'line' : 'bar', title, subtitle, source, xLabel: w.bucket[bucket],
      yLabel: yLabel(w.evictions, points.some((p) => p.atLeast), locale), locale,
      data: points.map((p) => ({ x: p.key, y: p.value })),
    };
  }
  const by = chart === 'byCommune' ? 'commune' : chart === 'byItemType' ? 'itemType' : 'forceCorps';
  const rows = await computeBreakdown(trx, filter, by, locale);
  const xLabel = chart === 'byCommune' ? w.commune : chart === 'byItemType' ? w.itemType : w.force;
  const base = chart === 'byItemType' ? w.items : w.evictions;
  return {
    kind: 'barHorizontal', title, subtitle, source, xLabel, yLabel: yLabel(base, rows.some((r) => r.atLeast), locale), locale,
    data: rows.map((r) => ({ x: r.label, y: r.value })),
  };
}
