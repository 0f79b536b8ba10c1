import type { Executor } from '../../../platform/db/database.js';
import { siteRefs } from './sites.queries.js';

/** Every site by code and name, for pickers (inactive ones too: old records name them; merged ones left out). */
export async function siteOptions(db: Executor) {
  return siteRefs(db);
}
