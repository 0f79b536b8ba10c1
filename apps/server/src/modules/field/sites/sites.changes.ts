import type { PullScope } from '../sync/pull-scope.js';
import type { SiteView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { changePage, type ChangePage } from '../../../platform/db/change-xid.js';
import { sitesChangedSince } from './sites.queries.js';
import { presentSite } from './sites.presenter.js';

/** Sites for a phone's offline list: inactive ones too, so old records still show their site. */
export async function siteChangesSince(db: Executor, since: number, limit: number, scope: PullScope): Promise<ChangePage<SiteView>> {
  return changePage(await sitesChangedSince(db, since, limit, scope), limit, (rows) => rows.map(presentSite));
}
