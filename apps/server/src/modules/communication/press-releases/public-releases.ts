import type { Executor } from '../../../platform/db/database.js';
import { publicReleases as sentAndPastEmbargo, releaseCorrections } from './press-releases.queries.js';

/** What the public site reads of press releases: sent ones past their embargo, and their corrections. */
export async function publicReleases(db: Executor, organisationId: string) {
  return sentAndPastEmbargo(db, organisationId);
}

export async function releaseCorrectionsOf(db: Executor, releaseId: string) {
  return releaseCorrections(db, releaseId);
}
