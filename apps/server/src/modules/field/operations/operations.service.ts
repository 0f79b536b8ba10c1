import type { PullScope } from '../sync/pull-scope.js';
import type { OperationView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { changePage, type ChangePage } from '../../../platform/db/change-xid.js';
import { findOperation, memberNames, operationsChangedSince } from './operations.queries.js';
import { presentOperation } from './operations.presenter.js';

export async function operationChangesSince(db: Executor, since: number, limit: number, scope: PullScope): Promise<ChangePage<OperationView>> {
  return changePage(await operationsChangedSince(db, since, limit, scope), limit, (rows) => rows.map(presentOperation));
}

/** An operation as an eviction page shows it: its times and its observers by name (each may make a witness statement). */
export async function operationSummary(db: Executor, id: string) {
  const o = await findOperation(db, id);
  if (!o) return null;
  const ids = [...new Set([o.created_by, ...o.observer_ids])];
  const names = new Map((await memberNames(db, ids)).map((u) => [u.id, u.display_name]));
  return {
    id: o.id, date: o.date, startedAt: o.started_at.toISOString(), endedAt: o.ended_at?.toISOString() ?? null,
    observers: ids.filter((u) => names.has(u)).map((u) => ({ id: u, displayName: names.get(u)! })),
  };
}
