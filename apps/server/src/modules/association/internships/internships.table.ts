import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the internship tables (migration 2026-12-06-18b-01), merged into the shared Database interface here. */
export interface InternshipsTable {
  id: Generated<string>; organisation_id: string; person_id: string; tutor_id: string; school: string;
  starts_on: string; ends_on: string; weekly_hours: ColumnType<string, string | number, string | number>;
  status: ColumnType<string, string | undefined, string>; started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_by: string; created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface InternshipConventionsTable {
  internship_id: string; organisation_id: string; file_id: string; original_name: string; size_bytes: number; sha256: string;
  iv: Buffer; tag: Buffer; ciphertext: Buffer; uploaded_by: string; uploaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface InternshipSettingsTable {
  organisation_id: string; staff_headcount: number; updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface SocialSecurityCeilingsTable { organisation_id: string; year: number; hourly_ceiling_cents: number }

declare module '../../../platform/db/schema.js' {
  interface Database {
    internships: InternshipsTable; internship_conventions: InternshipConventionsTable;
    internship_settings: InternshipSettingsTable; social_security_ceilings: SocialSecurityCeilingsTable;
  }
}
