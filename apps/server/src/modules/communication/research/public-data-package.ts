import { DEFAULT_PUBLIC_THRESHOLD, parisDate, type ProfileDefinition } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { findPublishingOrganisation } from '../statistics/public-statistics.lookup.js';
import { releaseBaseCells } from '../statistics/statistics.release-cells.js';
import { dataPackage, dataPackageErrors } from './release-files.js';
import { buildReleaseTable } from './release-table.js';

/**
 * The public figures as a Frictionless Data Package, inline: evictions and people evicted per
 * area and month over the last twelve complete months (fixed periods, so two downloads cannot
 * be subtracted into a week), with the same suppression as research releases at the public
 * page's threshold. Areas only: no site, no commune.
 */
export const PUBLIC_PROFILE = (k: number): ProfileDefinition => ({ dateLevel: 'month', placeLevel: 'area', measures: ['evictions', 'personsEvicted'], k, hxl: false });

export function lastTwelveMonths(today = parisDate(new Date())): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m - 1, 0)); // last day of the previous month
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

export async function publicDataPackage(ctx: AppContext, slug: string) {
  const org = await findPublishingOrganisation(ctx.db, slug);
  if (!org) throw new AppError('statistics.public_not_found');
  const k = Math.max(2, org.threshold ?? DEFAULT_PUBLIC_THRESHOLD);
  const period = lastTwelveMonths();
  const base = await inOrganisation(ctx.db, org.id, (trx) => releaseBaseCells(trx, period.from, period.to));
  const profile = PUBLIC_PROFILE(k);
  const table = buildReleaseTable(base, profile, Buffer.alloc(32));
  const descriptor = dataPackage({
    releaseId: `public-${slug}-${period.from}-${period.to}`, organisation: org.name, recipient: 'public', institution: 'public',
    from: period.from, to: period.to, profileName: 'public', profileVersion: 1, profile, createdAt: new Date().toISOString(),
    coverageNote: { fr: '', en: '' },
  }, profile);
  const [data, totals] = descriptor.resources;
  const inline = {
    ...descriptor,
    name: `vigie-public-${slug}`,
    title: `${org.name} — public figures`,
    description: `Evictions per area and month, ${period.from} to ${period.to}. Counts are minimums ("au moins"); counts from 1 to ${k - 1} are hidden, with other cells so no total reveals them.`,
    licenses: [{ name: 'etalab-2.0', title: 'Licence Ouverte 2.0' }],
    resources: [
      { ...omitPath(data!), data: table.cells.map((c) => ({ period: c.period, place: c.place, place_label: c.placeLabel, ...flat(c.values, c.atLeast, c.suppressed), suppressed: c.suppressed })) },
      { ...omitPath(totals!), data: table.margins.map((m) => ({ kind: m.kind, key: m.key, ...m.values })) },
    ],
  };
  const errors = dataPackageErrors(inline);
  if (errors.length) throw new Error(`public data package invalid: ${errors.join('; ')}`);
  return inline;
}

function omitPath<T extends { path?: string; format?: string; mediatype?: string; encoding?: string }>(r: T) {
  const { path: _p, format: _f, mediatype: _m, encoding: _e, ...rest } = r;
  return rest;
}

function flat(values: Record<string, number | null>, atLeast: Record<string, boolean>, suppressed: boolean) {
  const out: Record<string, number | boolean | null> = {};
  for (const [k, v] of Object.entries(values)) { out[k] = v; out[`${k}_at_least`] = suppressed ? null : atLeast[k] ?? false; }
  return out;
}
