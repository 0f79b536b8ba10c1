import { sql } from 'kysely';

/** The writing transaction's id, stamped on every synced row (see the field-model migration). */
export const currentXid = () => sql<number>`pg_current_xact_id()::text::bigint`;

/** The oldest transaction still running: every change below it is committed and visible. */
export const snapshotXmin = () => sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;
