import { sql, type RawBuilder } from 'kysely';
import type { RecordReader } from '../evictions/eviction-visibility.js';

/**
 * Who may see an incident outside an eviction: verified, everyone who reads field records;
 * unverified (submitted, rejected), its author, those who verify and the legal pole — the rule
 * of evictions (canSeeUnverifiedOf), without observers present as there is no operation.
 */
export function visibleOutsideIncident(reader: RecordReader, alias = 'i'): RawBuilder<boolean> {
  if (reader.seesUnverified) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(`${alias}.status`)} = 'verified' OR ${sql.ref(`${alias}.created_by`)} = ${reader.userId}::uuid)`;
}
