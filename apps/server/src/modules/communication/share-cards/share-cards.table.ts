import type { ColumnType } from 'kysely';

/** Kysely types of the organisation's branding (migration 2026-12-03-14a-02-organisation-branding.sql). */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface OrganisationBrandingTable {
  organisation_id: string; primary_colour: string; accent_colour: string; logo: Nullable<Buffer>; logo_type: Nullable<string>;
  updated_by: Nullable<string>; updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database { organisation_branding: OrganisationBrandingTable }
}
