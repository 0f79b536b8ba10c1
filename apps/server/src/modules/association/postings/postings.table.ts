import type { ColumnType, Generated } from 'kysely';

/** Kysely types of job_postings (migration 2026-12-03-18-02), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type TextList = ColumnType<string[], string[] | undefined, string[]>;
/** numeric comes back from pg as a string; written as a number. */
type Numeric = ColumnType<string | null, number | null | undefined, number | null>;

export interface JobPostingsTable {
  id: Generated<string>; organisation_id: string; title: string; engagement: string;
  locality: string; postal_code: Nullable<string>; region: Nullable<string>; country: ColumnType<string, string | undefined, string>;
  workplace: string; schedule: string; hours_per_week: Numeric; contract: Nullable<string>; duration_months: Nullable<number>;
  start_date: Nullable<string>; pay_min: Numeric; pay_max: Numeric; pay_unit: Nullable<string>;
  benefits: TextList; qualifications: TextList; responsibilities: TextList; skills: TextList; tools: TextList; education: TextList; languages: TextList;
  description: string; closes_on: string; openings: ColumnType<number, number | undefined, number>;
  status: ColumnType<string, string | undefined, string>; published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    job_postings: JobPostingsTable;
  }
}
