import { sql } from 'kysely';
import { DEFAULT_BOUNCE_PATTERNS, type BounceType } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import './mailings.table.js';

/** SQL of bounce intake: the editable patterns and the bounces read from the mailbox. */

export async function bouncePatterns(db: Executor, organisationId: string) {
  const rows = await db.selectFrom('mail_bounce_patterns').selectAll().where('organisation_id', '=', organisationId)
    .orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, pattern: r.pattern, bounceType: r.bounce_type as BounceType, holdThreshold: r.hold_threshold }));
}

/** An organisation starts with the default patterns the first time bounces are read or edited. */
export async function ensureDefaultPatterns(db: Executor, organisationId: string) {
  const any = await db.selectFrom('mail_bounce_patterns').select('id').where('organisation_id', '=', organisationId).limit(1).executeTakeFirst();
  if (any) return;
  await replacePatterns(db, organisationId, DEFAULT_BOUNCE_PATTERNS);
}

export async function replacePatterns(db: Executor, organisationId: string, patterns: ReadonlyArray<{ pattern: string; bounceType: string; holdThreshold: number }>) {
  await db.deleteFrom('mail_bounce_patterns').where('organisation_id', '=', organisationId).execute();
  if (patterns.length === 0) return;
  await db.insertInto('mail_bounce_patterns').values(patterns.map((p, position) => ({
    organisation_id: organisationId, pattern: p.pattern, bounce_type: p.bounceType, hold_threshold: p.holdThreshold, position,
  }))).execute();
}

export async function insertBounce(db: Executor, v: {
  organisationId: string; deliveryId: string | null; address: string; bounceType: string | null; patternId: string | null;
  state: string; subject: string | null; excerpt: string; messageId: string | null;
}) {
  return db.insertInto('mail_bounces').values({
    organisation_id: v.organisationId, delivery_id: v.deliveryId, address: v.address, bounce_type: v.bounceType, pattern_id: v.patternId,
    state: v.state, subject: v.subject, excerpt: v.excerpt, message_id: v.messageId,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

export async function recentBounceCount(db: Executor, organisationId: string, address: string, bounceType: string, days: number) {
  const row = await db.selectFrom('mail_bounces').select(sql<string>`count(*)`.as('n'))
    .where('organisation_id', '=', organisationId).where(sql<boolean>`lower(address) = lower(${address})`)
    .where('bounce_type', '=', bounceType).where('state', 'in', ['applied', 'counted'])
    .where('received_at', '>', sql<Date>`now() - make_interval(days => ${days})`).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setBounceState(db: Executor, id: string, state: string, bounceType: string | null) {
  await db.updateTable('mail_bounces').set({ state, bounce_type: bounceType }).where('id', '=', id).execute();
}

export async function findBounce(db: Executor, id: string) {
  return db.selectFrom('mail_bounces').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function bouncesIn(db: Executor, state?: string) {
  let q = db.selectFrom('mail_bounces').selectAll().orderBy('received_at', 'desc').limit(500);
  if (state) q = q.where('state', '=', state);
  return q.execute();
}
