import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Statements prepared once per connection. A statement sent without a name is parsed and planned
 * again at every call: for the two statements of a phone's new eviction (the look-up of its
 * references and its one write) that was ≈ 1.3 ms of PostgreSQL's ≈ 3.5 ms per submission, the audit sequencer's batch 0.25 more
 * (docs/PERFORMANCE.md, "Prepared statements"). A statement whose text starts with `PREPARED` is
 * sent under a name instead: parsed once per connection, and PostgreSQL's plan cache keeps its
 * plan once a generic plan proves as cheap as a fresh one. Only for hot statements whose text has
 * a handful of shapes: each distinct text stays prepared for the connection's life.
 */
const MARK = '/* prepared */';
export const PREPARED = sql.raw(`${MARK} `);

/** One number per distinct statement text, the same on every connection. */
const numbers = new Map<string, number>();
let connections = 0;

/**
 * Sends marked statements of this client under names. The names carry the connection's own
 * number: the embedded database serves every connection from one session, so a connection that
 * replaces a broken one must not reuse a name that session already holds.
 */
export function prepareMarkedStatements(client: pg.PoolClient | pg.Client): void {
  const connection = (++connections).toString(36);
  const query = client.query as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = function marked(this: unknown, first: unknown, ...rest: unknown[]) {
    if (typeof first !== 'string' || !first.startsWith(MARK)) return query.call(this, first, ...rest);
    let n = numbers.get(first);
    if (n === undefined) numbers.set(first, (n = numbers.size + 1));
    const [values, ...callback] = rest;
    return query.call(this, { name: `vigie_${connection}_${n}`, text: first, values }, ...callback);
  };
}
