/** The organisation's name printed on bundles and pattern-evidence reports. */
export { organisationName } from './bundle.queries.js';
