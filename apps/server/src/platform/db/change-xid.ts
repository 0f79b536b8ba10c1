import { sql } from 'kysely';

/** The writing transaction's id, stamped on every synced row (see the field-model migration). */
export const currentXid = () => sql<number>`pg_current_xact_id()::text::bigint`;

/** The oldest transaction still running: every change below it is committed and visible. */
export const snapshotXmin = () => sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/**
 * One module's answer to a sync pull: its changed records, presented, and where its page ended.
 * A full page (`full`) means more rows follow after `lastXid`.
 */
export type ChangePage<V> = { items: V[]; lastXid: number | null; full: boolean };

export function changePage<R extends { change_xid: unknown }, V>(rows: R[], limit: number, present: (rows: R[]) => V[]): ChangePage<V> {
  const last = rows[rows.length - 1];
  return { items: present(rows), lastXid: last ? Number(last.change_xid) : null, full: rows.length === limit };
}
