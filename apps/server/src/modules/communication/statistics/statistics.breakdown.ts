import { figureOf, isMinimum, joinList, type Breakdown, type BreakdownDetail, type Coverage, type Locale } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { inline, type Fork } from '../../../platform/db/organisation-scope.js';
import { assembleFigures, groupByKey } from './statistics.figures.js';
import { coverageDays } from './statistics.coverage.js';
import {
  areasById, communeNames, incidentAggregates, siteLabels, termLabels,
  type GroupKey, type ScopedFilter,
} from './statistics.queries.js';
import { evictionAggregates, evictionCounts, tallyAggregates, type PlaceOrBasis } from './statistics.cells.js';
import { forceAggregates, forceCombinationCounts } from './statistics.force-cells.js';
import { scopeFilter, type Figures, type StatisticsFilter } from './statistics.service.js';

/**
 * Figures cut by one dimension. For places and legal bases each row carries every figure (the
 * annual report's per-commune tables); for forces, items and incidents the row's value is what
 * the dimension counts: evictions where the force was present, items, incidents (with the Paris
 * days on which they happened: "les 13, 18 et 27 février").
 */
export type BreakdownRow = {
  key: string; label: string; value: number; atLeast: boolean;
  figures?: Figures;
  days?: string[];
  site?: { code: string; name: string; communeInsee: string; latitude: number | null; longitude: number | null };
};

const GROUPED: Partial<Record<Breakdown, PlaceOrBasis>> = { area: 'area', commune: 'commune', site: 'site', legalBasis: 'legalBasis' };

async function labelsOf(trx: Trx, kind: string, locale: Locale): Promise<Map<string, string>> {
  const terms = await termLabels(trx, kind);
  return new Map(terms.map((t) => [t.code, locale === 'fr' ? t.label_fr : t.label_en]));
}

const byValue = (a: BreakdownRow, b: BreakdownRow) => b.value - a.value || a.label.localeCompare(b.label);

export async function computeBreakdown(
  trx: Trx, filter: StatisticsFilter, by: Breakdown, locale: Locale, detail: BreakdownDetail = 'figures', fork: Fork = inline(trx),
): Promise<BreakdownRow[]> {
  const f = await scopeFilter(trx, filter);
  const group = GROUPED[by];
  if (group && detail === 'figures') return groupedRows(trx, f, group, locale, fork);
  const coverage: Coverage = (await coverageDays(trx, f, 'none'))[0] ?? { observedDays: 0, expectedDays: 0 };
  const partial = isMinimum({}, coverage);
  if (group) return valueRows(trx, f, group, coverage, locale);
  if (by === 'forceCorps' || by === 'forceUnit') {
    const [rows, corps] = [await forceAggregates(trx, f, by === 'forceCorps' ? 'corps' : 'unit'), await labelsOf(trx, 'force_corps', locale)];
    return rows.map((r) => {
      const corpsLabel = corps.get(r.corps) ?? r.corps;
      return {
        key: by === 'forceCorps' ? r.corps : `${r.corps}:${r.unit ?? ''}`,
        label: by === 'forceCorps' ? corpsLabel : (r.unit ?? `${corpsLabel} (${locale === 'fr' ? 'unité non notée' : 'unit not noted'})`),
        value: Number(r.evictions), atLeast: partial,
      };
    }).sort(byValue);
  }
  if (by === 'forceCombination') {
    // "Police nationale et BAC": evictions by the corps present together, each combination once.
    const [rows, corps] = [await forceCombinationCounts(trx, f), await labelsOf(trx, 'force_corps', locale)];
    return rows.map((r) => ({
      key: r.corps.join('+'),
      label: r.corps.length === 0 ? (locale === 'fr' ? 'Aucune force notée' : 'No force noted') : joinList(r.corps.map((c) => corps.get(c) ?? c), locale),
      value: r.evictions, atLeast: partial,
    })).sort(byValue);
  }
  if (by === 'itemType' || by === 'structureType') {
    const kind = by === 'itemType' ? 'seized' : 'destroyed';
    const [tallies, evictions, labels] = [
      await tallyAggregates(trx, f, 'none'), (await evictionAggregates(trx, f, 'none'))[0],
      await labelsOf(trx, by === 'itemType' ? 'item_type' : 'structure_type', locale),
    ];
    const doubt = partial || Boolean(evictions?.not_full) || Boolean(evictions?.quick);
    return tallies.filter((t) => t.kind === kind).map((t) => ({
      key: t.term, label: labels.get(t.term) ?? t.term, value: Number(t.n), atLeast: doubt || t.at_least,
    })).sort(byValue);
  }
  const [incidents, violence, obstruction] = [
    await incidentAggregates(trx, f, 'none', { days: true }), await labelsOf(trx, 'incident_type', locale), await labelsOf(trx, 'obstruction_type', locale),
  ];
  return incidents.map((i) => ({
    key: `${i.kind}:${i.incident_type}`,
    label: (i.kind === 'violence' ? violence : obstruction).get(i.incident_type) ?? i.incident_type,
    value: Number(i.n), atLeast: partial, days: i.days,
  })).sort(byValue);
}

/** Every figure per place or legal basis: four independent reads, on several connections at once with a fork. */
async function groupedRows(trx: Trx, f: ScopedFilter, key: GroupKey, locale: Locale, fork: Fork): Promise<BreakdownRow[]> {
  const [evictions, tallies, incidents, days] = await Promise.all([
    fork((t) => evictionAggregates(t, f, key)), fork((t) => tallyAggregates(t, f, key)), fork((t) => incidentAggregates(t, f, key)),
    fork((t) => coverageDays(t, f, 'none')),
  ]);
  const coverage: Coverage = days[0] ?? { observedDays: 0, expectedDays: 0 };
  const label = await rowLabeller(trx, key, evictions.map((e) => e.key), locale);
  // Grouped once: filtering the whole list for each of 400 sites was quadratic.
  const talliesByKey = groupByKey(tallies);
  const incidentsByKey = groupByKey(incidents);
  return evictions.map((e) => {
    const figures = assembleFigures({
      evictions: e, tallies: talliesByKey.get(e.key) ?? [], incidents: incidentsByKey.get(e.key) ?? [],
      coverage,
    });
    return { key: e.key, ...label(e.key), value: figures.evictions.value, atLeast: figures.evictions.atLeast, figures };
  }).sort(byValue);
}

/** Evictions alone per place or legal basis: the figure's value and whether it is a minimum, no other figure. */
async function valueRows(trx: Trx, f: ScopedFilter, key: PlaceOrBasis, coverage: Coverage, locale: Locale): Promise<BreakdownRow[]> {
  const counts = await evictionCounts(trx, f, key);
  const label = await rowLabeller(trx, key, counts.map((c) => c.key), locale);
  return counts.map((c) => {
    const figure = figureOf(c.evictions, {}, coverage);
    return { key: c.key, ...label(c.key), value: figure.value, atLeast: figure.atLeast };
  }).sort(byValue);
}

type Labelled = Pick<BreakdownRow, 'label' | 'site'>;

async function rowLabeller(trx: Trx, key: GroupKey, keys: string[], locale: Locale): Promise<(k: string) => Labelled> {
  if (key === 'area') {
    const areas = new Map((await areasById(trx)).map((a) => [a.id, a.name]));
    return (k) => ({ label: areas.get(k) ?? k });
  }
  if (key === 'commune') {
    const communes = new Map((await communeNames(trx)).map((c) => [c.insee_code, c.name]));
    return (k) => ({ label: communes.get(k) ?? k });
  }
  if (key === 'site') {
    const sites = new Map((await siteLabels(trx, keys)).map((s) => [s.id, s]));
    return (k) => {
      const s = sites.get(k);
      if (!s) return { label: k };
      return {
        label: `${s.code} — ${s.name}`,
        site: { code: s.code, name: s.name, communeInsee: s.commune_insee, latitude: s.latitude, longitude: s.longitude },
      };
    };
  }
  const legal = await labelsOf(trx, 'legal_basis_category', locale);
  return (k) => ({ label: legal.get(k) ?? k });
}
