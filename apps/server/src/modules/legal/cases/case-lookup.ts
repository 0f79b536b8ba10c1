/**
 * What the neighbouring legal modules (deadlines, evidence bundles) read or touch of a case.
 * The cases module owns its tables; they come through here, never through cases.queries.ts.
 */
export { activeUserExists, caseEvidenceIds, findCase, touchCase } from './cases.queries.js';
