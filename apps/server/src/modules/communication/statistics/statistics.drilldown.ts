import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { presentEvictionRow } from './statistics.presenter.js';
import { findTerm, listCountedEvictions } from './statistics.queries.js';
import { scopeFilter, type StatisticsFilter } from './statistics.service.js';

/** The evictions behind a figure or a chart bar (same filter, same counting rule), a page at a time. */
export async function drillDown(trx: Trx, filter: StatisticsFilter & { itemType?: string }, page: number, pageSize: number) {
  const f = await scopeFilter(trx, filter);
  if (filter.itemType) {
    if (!(await findTerm(trx, 'item_type', filter.itemType))) throw new AppError('statistics.unknown_item_type', { itemType: filter.itemType });
    f.itemType = filter.itemType;
  }
  const rows = await listCountedEvictions(trx, f, pageSize, (page - 1) * pageSize);
  return { total: rows[0]?.total ?? 0, page, pageSize, evictions: rows.map(presentEvictionRow) };
}
