import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
/** Table types for Kysely, kept by hand beside the SQL migrations they describe. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;
export interface OrganisationsTable {
    id: Generated<string>;
    name: string;
    created_at: DefaultTimestamp;
}
export interface OrganisationSettingsTable {
    organisation_id: string;
    totp_required_roles: ColumnType<string[], string[] | undefined, string[]>;
    updated_at: DefaultTimestamp;
}
export interface UsersTable {
    id: Generated<string>;
    organisation_id: string;
    email: string;
    display_name: string;
    password_hash: string;
    role: string;
    locale: ColumnType<string, string | undefined, string>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    totp_secret_enc: string | null;
    totp_enabled: ColumnType<boolean, boolean | undefined, boolean>;
    totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
}
export interface SessionsTable {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: DefaultTimestamp;
    expires_at: Timestamp;
    last_seen_at: DefaultTimestamp;
}
export interface InvitationsTable {
    id: Generated<string>;
    organisation_id: string;
    email: string;
    role: string;
    token_hash: string;
    invited_by: string;
    created_at: DefaultTimestamp;
    expires_at: Timestamp;
    accepted_at: Timestamp | null;
    accepted_user_id: string | null;
    revoked_at: Timestamp | null;
}
export interface PasswordResetsTable {
    token_hash: string;
    user_id: string;
    created_at: DefaultTimestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
}
export interface LoginFailuresTable {
    id: Generated<string>;
    email: string;
    ip: string;
    at: DefaultTimestamp;
}
export interface SetupCodesTable {
    id: ColumnType<boolean, boolean | undefined, boolean>;
    code_hash: string;
    created_at: DefaultTimestamp;
}
export interface AuditLogTable {
    seq: ColumnType<string, string | number, never>;
    at: Timestamp;
    organisation_id: string | null;
    actor_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    before: Json;
    after: Json;
    context: Json;
    prev_hash: string;
    hash: string;
}
export interface AuditHeadTable {
    id: ColumnType<boolean, boolean | undefined, boolean>;
    seq: ColumnType<string, string | number, string | number>;
    hash: string;
}
export interface Database {
    organisations: OrganisationsTable;
    organisation_settings: OrganisationSettingsTable;
    users: UsersTable;
    sessions: SessionsTable;
    invitations: InvitationsTable;
    password_resets: PasswordResetsTable;
    login_failures: LoginFailuresTable;
    setup_codes: SetupCodesTable;
    audit_log: AuditLogTable;
    audit_head: AuditHeadTable;
}
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export {};
