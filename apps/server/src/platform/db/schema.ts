import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely, kept by hand beside the SQL migrations they describe. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  /** Public address name (migration 41), set by an administrator for the public statistics page. */
  slug: ColumnType<string | null, string | null | undefined, string | null>;
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
  additional_roles: ColumnType<string[], string[] | undefined, string[]>;
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
  /** Null when the invitation came from the command line (`vigie organisation create`). */
  invited_by: string | null;
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
/** An audit entry committed with its write, waiting for the sequencer to chain it (docs/adr/0007). */
export interface AuditPendingTable {
  id: ColumnType<number, never, never>;
  at: Timestamp;
  organisation_id: string | null;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  context: Json;
}
export interface AuditHeadTable {
  id: ColumnType<boolean, boolean | undefined, boolean>;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
}

export interface AreasTable { id: Generated<string>; organisation_id: string; code: string; name: string; active: ColumnType<boolean, boolean | undefined, boolean>; change_xid: Generated<number> }
export interface CommunesTable { id: Generated<string>; organisation_id: string; area_id: string; insee_code: string; name: string; change_xid: Generated<number> }
export interface TaxonomyTermsTable {
  id: Generated<string>; organisation_id: string; kind: string; code: string; label_fr: string; label_en: string;
  sort: ColumnType<number, number | undefined, number>; active: ColumnType<boolean, boolean | undefined, boolean>; change_xid: Generated<number>;
  part_of: ColumnType<string | null, string | null | undefined, string | null>;
}
type Version = ColumnType<number, number | undefined, number>;
type Xid = ColumnType<number, never, ReturnType<typeof import('kysely').sql>>;
export interface SitesTable {
  id: string; organisation_id: string; code: string; name: string; aliases: ColumnType<string[], string[] | undefined, string[]>;
  area_id: string; commune_insee: string; latitude: number | null; longitude: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>; notes: string | null; version: Version; change_xid: Xid;
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface OperationsTable {
  id: string; organisation_id: string; area_id: string; date: ColumnType<string, string, string>; started_at: Timestamp; ended_at: Timestamp | null;
  operation_type: string | null; officer_in_charge: string | null; authorities_present: string | null; weather_alert: boolean | null;
  observer_ids: ColumnType<string[], string[] | undefined, string[]>; notes: string | null; version: Version; change_xid: Xid;
  created_by: string; updated_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp; deleted_at: Timestamp | null;
}
export interface EvictionsTable {
  id: string; organisation_id: string; operation_id: string; site_id: string; date: ColumnType<string, string, string>;
  arrived_at: Timestamp; left_at: Timestamp | null; coverage: string; status: ColumnType<string, string | undefined, string>;
  rejection_reason: string | null; quick: boolean;
  persons_evicted: number | null; persons_evicted_at_least: boolean; women: number | null; women_at_least: boolean;
  children: number | null; children_at_least: boolean; families: number | null; families_at_least: boolean;
  unaccompanied_minors: number | null; unaccompanied_minors_at_least: boolean; arrests: number | null; arrests_at_least: boolean;
  arrests_with_violence: number | null; arrests_with_violence_at_least: boolean; id_checks: number | null; id_checks_at_least: boolean;
  shelter_accepted: number | null; shelter_accepted_at_least: boolean;
  legal_basis_text: string | null; legal_basis_category: string | null; interpreter: string;
  bailiff: boolean | null; cleaning_company: boolean | null; social_assessment: boolean | null; shelter_offered: boolean | null;
  food_distribution: boolean | null; people_moving_back: boolean | null;
  forces: Json; notes: Json; merged_into: string | null; version: Version; change_xid: Xid;
  created_by: string; updated_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp; deleted_at: Timestamp | null;
}
export interface EvictionTalliesTable {
  eviction_id: string; organisation_id: string; kind: string; term: string; n: number; at_least: boolean;
  /** The whole this row is a part of (its "dont"), null for a whole. */
  part_of: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface PersonsTable {
  id: string; organisation_id: string; pseudonym: string; minor: boolean | null; identity_enc: string | null;
  created_by: ColumnType<string | null, string | null | undefined, string | null>; created_at: DefaultTimestamp;
}
export interface IncidentsTable {
  id: string; organisation_id: string; eviction_id: string | null; kind: string; incident_type: string; occurred_at: Timestamp;
  unit: string | null; description: string | null; person_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** The eviction's site (copied by a trigger) or, outside an eviction, the incident's own site if any. */
  site_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outside an eviction only (migration 16d-01): the area, the place in words, the incident's own review state. */
  area_id: ColumnType<string | null, string | null | undefined, string | null>;
  place: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<string | null, string | null | undefined, string | null>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Paris day counted by the statistics (the eviction's, or the incident's own): set by a trigger only. */
  eviction_date: ColumnType<unknown, never, never>;
  version: Version; change_xid: Xid; created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp; deleted_at: Timestamp | null;
}
export interface RecordVersionsTable {
  id: Generated<number>; organisation_id: string; entity_type: string; entity_id: string; version: number; data: Json;
  changed_by: string | null; changed_at: DefaultTimestamp; command_id: string | null;
}
export interface SyncCommandsTable { id: string; organisation_id: string; user_id: string; type: string; payload_hash: string; result: Json; received_at: DefaultTimestamp }
export interface SyncConflictsTable {
  id: Generated<string>; organisation_id: string; command_id: string; user_id: string; reason: string; entity_type: string;
  entity_id: string | null; base_version: number | null; current_version: number | null; payload: Json; received_at: DefaultTimestamp;
  resolved_at: Timestamp | null; resolved_by: string | null;
}

export interface PublicStatisticsSettingsTable {
  organisation_id: string; enabled: ColumnType<boolean, boolean | undefined, boolean>; threshold: ColumnType<number, number | undefined, number>;
  updated_by: string | null; updated_at: DefaultTimestamp;
}

export interface Database {
  public_statistics_settings: PublicStatisticsSettingsTable;
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
  audit_pending: AuditPendingTable;
  areas: AreasTable;
  communes: CommunesTable;
  taxonomy_terms: TaxonomyTermsTable;
  sites: SitesTable;
  operations: OperationsTable;
  evictions: EvictionsTable;
  eviction_tallies: EvictionTalliesTable;
  persons: PersonsTable;
  incidents: IncidentsTable;
  record_versions: RecordVersionsTable;
  sync_commands: SyncCommandsTable;
  sync_conflicts: SyncConflictsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type AuditRow = Selectable<AuditLogTable>;
