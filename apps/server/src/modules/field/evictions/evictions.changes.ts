import type { PullScope } from '../sync/pull-scope.js';
import type { EvictionView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { changePage, type ChangePage } from '../../../platform/db/change-xid.js';
import { evictionsChangedSince, talliesOf } from './evictions.queries.js';
import { presentEviction } from './evictions.presenter.js';

/** The evictions a phone's pull receives: written since the cursor, with their tallies. */
export async function evictionChangesSince(db: Executor, since: number, limit: number, scope: PullScope): Promise<ChangePage<EvictionView>> {
  const rows = await evictionsChangedSince(db, since, limit, scope);
  const tallies = await talliesOf(db, rows.map((r) => r.id));
  return changePage(rows, limit, (list) => list.map((r) => presentEviction(r, tallies.get(r.id)!)));
}
