import type { Trx } from '../../../platform/db/database.js';
import { coverageRows, type CoverageBucket, type CoverageRow } from './rota-coverage.queries.js';

export type { CoverageBucket, CoverageRow };

/**
 * What the statistics engine asks the rota: for a period (and an area), per bucket, the days
 * expected, observed, and expected-but-missed. The figures' minimum rule reads this.
 */
export async function coverageByBucket(trx: Trx, f: { from: string; to: string; areaId?: string }, bucket: CoverageBucket): Promise<CoverageRow[]> {
  return coverageRows(trx, f, bucket);
}
