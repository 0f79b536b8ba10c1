import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DEFAULT_PUBLIC_THRESHOLD, differencingCheck, exceedsGrant, parisDate, type Disclosure } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { bundleSigningKey } from '../../legal/bundles/build-evidence-bundle.js';
import { readPublicSettings } from '../statistics/public-statistics.lookup.js';
import { COUNT_COLUMNS, releaseBaseCells, type CountColumn } from '../statistics/statistics.release-cells.js';
import { computeCoverage } from '../statistics/statistics.service.js';
import { agreementStatus, presentRelease, profileDefinition } from './research.presenter.js';
import { agreementReleases, findAgreement, findProfile, findRelease, insertRelease, markRelease, type ReleaseRow } from './research.queries.js';
import { releaseArchive } from './release-files.js';
import { buildReleaseTable, measureColumn, pseudonymKey, publicPageDisclosure } from './release-table.js';

/**
 * Frozen releases: asked for on an agreement with a profile and a period, generated once by a
 * pg-boss job, stored as one signed ZIP whose files' SHA-256 are kept with the release. The
 * job refuses (status "refused", cells named) a release that would let its recipient recover
 * a hidden count by subtraction from their earlier releases or from the public page.
 */
export const RESEARCH_RELEASE_JOB = 'research.release';
type JobData = { releaseId: string; organisationId: string };
export const RELEASE_ZIP = 'release.zip';

export async function requestRelease(ctx: AppContext, actor: Actor, agreementId: string, input: { profileId: string; from: string; to: string }, ip: string) {
  if (input.to < input.from) throw new AppError('research.period_reversed');
  const id = randomUUID();
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const agreement = await findAgreement(trx, agreementId);
    if (!agreement) throw new AppError('research.agreement_not_found');
    const status = agreementStatus(agreement);
    if (status !== 'active') throw new AppError(status === 'expired' ? 'research.agreement_expired' : 'research.agreement_not_started', { endsOn: agreement.ends_on, startsOn: agreement.starts_on });
    const profile = await findProfile(trx, input.profileId);
    if (!profile) throw new AppError('research.profile_not_found');
    const beyond = exceedsGrant(profileDefinition(profile), { finestDate: agreement.finest_date as never, finestPlace: agreement.finest_place as never, measures: agreement.measures });
    if (beyond.length) throw new AppError('research.profile_exceeds_agreement', { fields: beyond.join(', ') });
    await insertRelease(trx, { id, organisationId: actor.organisationId, agreementId, profileId: profile.id, from: input.from, to: input.to, requestedBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.release_requested', entityType: 'research_release', entityId: id,
      after: { agreementId, profileId: profile.id, from: input.from, to: input.to }, context: { ip },
    });
    await ctx.queue.enqueue(trx, RESEARCH_RELEASE_JOB, { releaseId: id, organisationId: actor.organisationId } satisfies JobData);
    return presentRelease((await findRelease(trx, id))!, profile);
  });
}

export async function releasesOf(ctx: AppContext, actor: Actor, agreementId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findAgreement(trx, agreementId))) throw new AppError('research.agreement_not_found');
    const rows = await agreementReleases(trx, agreementId);
    const out = [];
    for (const r of rows) out.push(presentRelease(r, (await findProfile(trx, r.profile_id))!));
    return out;
  });
}

export async function releaseOf(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findRelease(trx, id);
    if (!r) throw new AppError('research.release_not_found');
    return presentRelease(r, (await findProfile(trx, r.profile_id))!);
  });
}

/** The signed ZIP of a generated release (for the comms pole's own check, or behind a link). */
export async function releaseZip(storage: ObjectStorage, r: ReleaseRow): Promise<Buffer> {
  if (r.status !== 'done') throw new AppError('research.release_not_ready');
  const stored = (r.files as Array<{ name: string; key?: string }>).find((f) => f.name === RELEASE_ZIP);
  if (!stored?.key) throw new AppError('research.release_not_ready');
  return buffer(await storage.get(stored.key));
}

export async function downloadReleaseAsStaff(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, ip: string) {
  const r = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await findRelease(trx, id);
    if (!found) throw new AppError('research.release_not_found');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'research.release_downloaded', entityType: 'research_release', entityId: id, context: { ip } });
    return found;
  });
  return releaseZip(storage, r);
}

export type ReleaseJobDeps = { db: Db; storage: ObjectStorage; config: Config; serverKey: Buffer };

/** The job. Everything is computed before anything is stored; a refusal stores no file. */
export async function runRelease(deps: ReleaseJobDeps, data: JobData): Promise<void> {
  const scoped = <T>(work: Parameters<typeof inOrganisation<T>>[2]) => inOrganisation(deps.db, data.organisationId, work);
  const release = await scoped((trx) => findRelease(trx, data.releaseId));
  if (!release || release.status !== 'queued') return;
  try {
    await scoped((trx) => markRelease(trx, release.id, { status: 'running' }));
    const gathered = await scoped(async (trx) => {
      const agreement = (await findAgreement(trx, release.agreement_id))!;
      const profile = (await findProfile(trx, release.profile_id))!;
      const columns = profileDefinition(profile).measures.map(measureColumn).filter((c): c is CountColumn => (COUNT_COLUMNS as readonly string[]).includes(c));
      const base = await releaseBaseCells(trx, release.period_from, release.period_to, columns);
      // Only the coverage goes in the README: the whole summary (figures, rates, two comparison periods) is not needed.
      const coverage = await computeCoverage(trx, { from: release.period_from, to: release.period_to, includeDrafts: false });
      const org = await trx.selectFrom('organisations').select('name').where('id', '=', data.organisationId).executeTakeFirstOrThrow();
      const earlier = (await agreementReleases(trx, agreement.id)).filter((r) => r.status === 'done' && r.id !== release.id && r.disclosure);
      const pub = await readPublicSettings(trx);
      // The public page covers any period, so it is described over the same base cells as this release.
      const publicBase = pub.enabled ? base : [];
      return { agreement, profile, base, coverage, org, earlier, publicThreshold: pub.threshold ?? DEFAULT_PUBLIC_THRESHOLD, publicBase };
    });
    const { agreement, profile, base, coverage, org, earlier } = gathered;
    const definition = profileDefinition(profile);
    const table = buildReleaseTable(base, definition, pseudonymKey(deps.serverKey, agreement.id, agreement.pseudonym_salt));
    const held: Disclosure[] = earlier.map((r) => r.disclosure as Disclosure);
    if (gathered.publicBase.length) held.push(publicPageDisclosure(gathered.publicBase, gathered.publicThreshold));
    const exposed = differencingCheck(table.disclosure, held, table.atoms);
    if (exposed.length) {
      await scoped(async (trx) => {
        await markRelease(trx, release.id, { status: 'refused', refusedCells: exposed.slice(0, 200) });
        await recordAudit(trx, {
          organisationId: data.organisationId, actorId: null, action: 'research.release_refused', entityType: 'research_release', entityId: release.id,
          context: { cells: exposed.slice(0, 50) },
        });
      });
      return;
    }
    const createdAt = new Date().toISOString();
    const share = coverage.share;
    const archive = await releaseArchive({
      releaseId: release.id, organisation: org.name, recipient: agreement.recipient_name, institution: agreement.institution,
      from: release.period_from, to: release.period_to, profileName: profile.name, profileVersion: profile.version, profile: definition, createdAt,
      coverageNote: {
        fr: `Jours observés : ${coverage.daysObserved} sur ${coverage.daysInPeriod} (${Math.round(share * 100)} %). Les jours non observés ne sont pas des jours sans expulsion.`,
        en: `Days observed: ${coverage.daysObserved} of ${coverage.daysInPeriod} (${Math.round(share * 100)}%). Days not observed are not days without evictions.`,
      },
    }, table, bundleSigningKey({ config: deps.config } as AppContext));
    const key = `research/${data.organisationId}/releases/${release.id}/${RELEASE_ZIP}`;
    await deps.storage.put(key, Readable.from([Buffer.from(archive.zip)]), archive.zip.length);
    const { createHash } = await import('node:crypto');
    const zipSha = createHash('sha256').update(archive.zip).digest('hex');
    await scoped(async (trx) => {
      await markRelease(trx, release.id, {
        status: 'done', manifestSha256: archive.manifestSha256, disclosure: table.disclosure,
        files: [...archive.files, { name: RELEASE_ZIP, sha256: zipSha, sizeBytes: archive.zip.length, key }],
      });
      await recordAudit(trx, {
        organisationId: data.organisationId, actorId: null, action: 'research.release_generated', entityType: 'research_release', entityId: release.id,
        context: { manifestSha256: archive.manifestSha256, zipSha256: zipSha, cells: table.cells.length, suppressed: table.suppressedCells, today: parisDate(new Date()) },
      });
    });
  } catch (err) {
    await scoped((trx) => markRelease(trx, release.id, { status: 'failed' })).catch(() => {});
    throw err;
  }
}

export function defineResearchReleaseJob(queue: JobQueue, deps: ReleaseJobDeps): void {
  queue.define(RESEARCH_RELEASE_JOB, (data) => runRelease(deps, data as JobData));
}
