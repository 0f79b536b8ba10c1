/**
 * What other modules may read of the public figures' settings (the research desk checks a
 * release against the public page): the owner's entry point, so no module reads its queries.
 */
export { findPublishingOrganisation, readPublicSettings } from './public-statistics.queries.js';
