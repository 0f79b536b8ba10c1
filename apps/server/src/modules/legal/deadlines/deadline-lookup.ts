/** A case's deadlines as a lawyer's shared read shows them: published by the deadlines module for the cases module. */
export { listDeadlines } from './deadlines.queries.js';
