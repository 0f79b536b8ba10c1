import { formatDate, parisDate, type DigestSettingsView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../mailings/mail-pipeline.js';
import {
  activeUserIds, claimDigest, clippingsFoundSince, digestCandidates, digestRecipients, organisationsWithDigest, replaceDigestRecipients, unhealthySources,
  type ClippingRow,
} from './monitoring.queries.js';
import { fetchErrorWords } from './monitoring.presenter.js';

/**
 * The daily press digest: the clippings found in the last 24 hours, grouped by story (one entry
 * per story, its other outlets named), with short excerpts and links only, and the sources that
 * failed — sent to the people the desk chose, through the mail pipeline (one delivery per
 * person). One digest per organisation and day: its row is the mailing's source, so a retried
 * job never sends twice.
 */
export const MONITORING_DIGEST_JOB = 'monitoring.digest';
export const MONITORING_DIGEST_SCHEDULE = { cron: '30 7 * * *', tz: 'Europe/Paris' };

export async function readDigestSettings(ctx: AppContext, actor: Actor): Promise<DigestSettingsView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const person = (u: { id: string; display_name: string; email: string }) => ({ id: u.id, displayName: u.display_name, email: u.email });
    return { recipients: (await digestRecipients(trx)).map(person), candidates: (await digestCandidates(trx)).map(person) };
  });
}

export async function saveDigestSettings(ctx: AppContext, actor: Actor, recipientIds: string[], ip: string) {
  const ids = [...new Set(recipientIds)];
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if ((await activeUserIds(trx, ids)).length !== ids.length) throw new AppError('monitoring.unknown_recipient');
    await replaceDigestRecipients(trx, actor.organisationId, ids);
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.digest_recipients_changed', entityType: 'organisation', entityId: actor.organisationId, after: { recipientIds: ids }, context: { ip } });
  });
  return readDigestSettings(ctx, actor);
}

export function digestBody(day: string, clippings: ClippingRow[], failing: Array<{ name: string; error: string | null }>): string {
  const stories = new Map<string, ClippingRow[]>();
  for (const c of clippings) stories.set(c.story_id, [...(stories.get(c.story_id) ?? []), c]);
  const lines = [`Revue de presse — ${formatDate(day, 'fr', { style: 'long', year: 'always' })}`, ''];
  lines.push(`${clippings.length} article(s), ${stories.size} sujet(s).`, '');
  let n = 0;
  // The most taken-up stories first, then in the order they were found.
  const ordered = [...stories.values()].sort((a, b) => b.length - a.length || a[0]!.found_at.getTime() - b[0]!.found_at.getTime());
  for (const group of ordered) {
    n += 1;
    const [first, ...others] = group;
    const when = first!.published_at ? `, ${formatDate(first!.published_at, 'fr', { year: 'auto' })}` : '';
    lines.push(`${n}. ${first!.title} (${first!.outlet}${when})`);
    if (others.length) lines.push(`   Repris par : ${[...new Set(others.map((o) => o.outlet))].join(', ')}`);
    const excerpt = first!.excerpt.replace(/\s+/g, ' ').trim();
    if (excerpt) lines.push(`   ${excerpt.slice(0, 240)}${excerpt.length > 240 ? '…' : ''}`);
    lines.push(`   ${first!.url}`);
    for (const o of others) lines.push(`   ${o.outlet} : ${o.url}`);
    lines.push(`   Termes : ${first!.matched_terms.join(', ')}`, '');
  }
  if (failing.length) {
    lines.push('Sources en difficulté :');
    for (const f of failing) lines.push(`- ${f.name} : ${f.error ?? ''}`);
    lines.push('');
  }
  lines.push('Extraits courts et liens seulement : le texte complet de chaque article reste dans Vigie.');
  return lines.join('\n');
}

export type DigestDeps = { db: Db; queue: JobQueue };

/** Queues today's digest of every organisation that chose recipients; returns how many were queued. */
export async function sendDigests(deps: DigestDeps, now = new Date()): Promise<number> {
  const organisations = await inSystemTransaction(deps.db, (trx) => organisationsWithDigest(trx));
  const day = parisDate(now);
  let queued = 0;
  for (const organisationId of organisations) {
    await inOrganisation(deps.db, organisationId, async (trx) => {
      const clippings = await clippingsFoundSince(trx, new Date(now.getTime() - 24 * 3600_000));
      const failing = (await unhealthySources(trx)).map((s) => ({ name: s.name, error: fetchErrorWords(s.last_error, 'fr') }));
      if (clippings.length === 0 && failing.length === 0) return;
      const digest = await claimDigest(trx, organisationId, day, clippings.length);
      if (!digest) return;
      const recipients = await digestRecipients(trx);
      await queueMailing(trx, deps.queue, {
        organisationId, purpose: 'transactional', sourceId: digest.id, listId: null, bulk: false, createdBy: null,
        subject: translate('mail.monitoring_digest.subject', 'fr', { day: formatDate(day, 'fr', { year: 'always' }), count: clippings.length }),
        bodyText: digestBody(day, clippings, failing), recipients: recipients.map((r) => ({ contactId: null, email: r.email })),
      });
      queued += 1;
    });
  }
  return queued;
}
