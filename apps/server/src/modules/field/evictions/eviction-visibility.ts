import { sql, type RawBuilder } from 'kysely';
import { canSeeUnverifiedOf, type Roles } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';

/**
 * Who reads field records, as every list needs it: unverified evictions (draft, submitted,
 * rejected) are seen by their author, the observers of their operation, those who verify and the
 * legal pole (canSeeUnverifiedOf); everyone else sees verified ones only. The eviction page, its
 * history and evidence, the site timelines, the pickers and the phone pull all filter with
 * `visibleEviction`, so a list never shows what the record page would refuse.
 */
export type RecordReader = { userId: string; seesUnverified: boolean };

export function recordReader(actor: { userId: string; roles: Roles }): RecordReader {
  return { userId: actor.userId, seesUnverified: canSeeUnverifiedOf(actor.roles, actor.userId, null) };
}

/** SQL condition on an evictions row (by its alias): may this reader see it? */
export function visibleEviction(reader: RecordReader, alias = 'e'): RawBuilder<boolean> {
  if (reader.seesUnverified) return sql<boolean>`true`;
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${col('status')} = 'verified' OR ${col('created_by')} = ${reader.userId}::uuid OR EXISTS (
    SELECT 1 FROM operations vis_o WHERE vis_o.id = ${col('operation_id')} AND ${reader.userId}::text = ANY(vis_o.observer_ids::text[])))`;
}

/** One eviction: `missing` (deleted or another organisation's), `hidden` (unverified, not this reader's) or `visible`. */
export async function evictionVisibility(db: Executor, reader: RecordReader, id: string): Promise<'missing' | 'hidden' | 'visible'> {
  const row = await db.selectFrom('evictions as e').select(visibleEviction(reader, 'e').as('visible'))
    .where('e.id', '=', id).where('e.deleted_at', 'is', null).executeTakeFirst();
  if (!row) return 'missing';
  return row.visible ? 'visible' : 'hidden';
}
