import type { Trx } from '../../../platform/db/database.js';
import { coverageByBucket, type CoverageRow } from '../../field/rota/rota-coverage.service.js';
import type { Bucket, ScopedFilter } from './statistics.queries.js';

/**
 * Days expected and observed, from the observation rota (field/rota owns those tables). A
 * commune or site filter still uses its area's days: coverage is about where observers went.
 */
export async function coverageDays(trx: Trx, f: ScopedFilter, bucket: Bucket | 'none'): Promise<CoverageRow[]> {
  return coverageByBucket(trx, { from: f.from, to: f.to, ...(f.areaId ? { areaId: f.areaId } : {}) }, bucket);
}
