import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the identity grants (migration 2026-12-03-12c-02-identity-grants.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface IdentityGrantsTable {
  id: Generated<string>; organisation_id: string; user_id: string | null; invitation_id: string | null; email: string;
  roles: string[]; requested_by: string; requested_at: DefaultTimestamp;
  status: ColumnType<string, string | undefined, string>; decided_by: string | null; decided_at: NullableTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    identity_grants: IdentityGrantsTable;
  }
}
