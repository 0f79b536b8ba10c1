import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../../config.js';
import { chainPendingAudit } from '../../../platform/audit/audit-sequencer.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileDecryptor } from '../../../platform/crypto/file-cipher.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { publicCopyKey, sha256OfFile } from './evidence.files.js';
import { decodableHere, makePublicCopy } from './evidence.media.js';

/**
 * A photo's publication copy, made after the upload is acknowledged (issue 20): re-encoding the
 * pixels with sharp is the heaviest part of receiving a photo (≈ 9 ms of CPU for a 256 KiB
 * picture), and the phone need not wait for it. The upload marks the row `public_copy_pending`
 * and enqueues this job in the same transaction; until it has run, every reader of the copy
 * (thumbnails, bulletins, newsletters, the `/public` route) says the copy is in preparation and
 * never falls back on the original, whose EXIF keeps the GPS position.
 */
export const PUBLIC_COPY_JOB = 'evidence.public-copy';

type Deps = { db: Db; storage: ObjectStorage; config: Config; serverKey: Buffer };
type JobData = { organisationId: string; evidenceId: string };

export function definePublicCopyJob(queue: JobQueue, deps: Deps): void {
  queue.define(PUBLIC_COPY_JOB, (data) => makePublicCopyOf(deps, data as JobData), {
    onFailedForGood: async (data, error) => {
      await recordPublicCopyFailed(deps.db, data as JobData, error);
      await chainPendingAudit(deps.db).catch(() => {});
    },
  });
}

/**
 * The copy cannot be made: the image does not decode, or the last try failed (pg-boss's retries,
 * ≈ 5 min with their back-off, for what may pass: storage, disk), or the worker died during it
 * (crash, restart) and pg-boss expired it — both told through the queue's dead letters
 * (JobQueue's onFailedForGood), maybe twice: only a row still pending is marked. The photo stops saying
 * "in preparation" and says the copy failed, with the time; the review page lists it and a
 * coordinator can try again (public-copy-retry.ts). The reason goes to the audit trail only.
 */
export async function recordPublicCopyFailed(db: Db, data: JobData, error: Error): Promise<void> {
  await inOrganisation(db, data.organisationId, async (trx) => {
    const failed = await trx.updateTable('evidence').set({ public_copy_pending: false, public_copy_failed_at: new Date() })
      .where('id', '=', data.evidenceId).where('public_copy_pending', '=', true).returning(['id']).executeTakeFirst();
    if (!failed) return;
    await recordAudit(trx, {
      organisationId: data.organisationId, actorId: null, action: 'evidence.public_copy_failed',
      entityType: 'evidence', entityId: data.evidenceId, context: { reason: error.message.slice(0, 300) },
    });
  });
}

/** Called in the upload's transaction: the job exists if and only if the stored photo does. */
export async function enqueuePublicCopy(queue: JobQueue, trx: Executor, data: JobData): Promise<void> {
  await queue.enqueue(trx, PUBLIC_COPY_JOB, data);
}

/**
 * Decrypts the original beside the uploads (mode 0600, removed at the end, as the upload's own
 * part file was), re-encodes it without any metadata block, stores the copy, then records it.
 * Safe to run twice: only a row still pending is updated, and the copy's key is the same.
 */
export async function makePublicCopyOf(deps: Deps, data: JobData): Promise<void> {
  const { db, storage, config, serverKey } = deps;
  const row = await inOrganisation(db, data.organisationId, (trx) =>
    trx.selectFrom('evidence').selectAll().where('id', '=', data.evidenceId).executeTakeFirst());
  if (!row || !row.public_copy_pending || row.status !== 'stored' || !row.storage_key || !row.encryption_iv || !row.encryption_tag) return;
  const dir = join(config.dataDir, 'uploads');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const sourcePath = join(dir, `${row.id}.copy-source`);
  const copyPath = `${sourcePath}.public.jpg`;
  try {
    const decipher = fileDecryptor(serverKey, row.id, Buffer.from(row.encryption_iv, 'base64'), Buffer.from(row.encryption_tag, 'base64'));
    // GCM checks the tag at the end: an altered original fails here and no copy is made from it.
    await pipeline(await storage.get(row.storage_key), decipher, createWriteStream(sourcePath, { mode: 0o600 }));
    let copy: { key: string; sha256: string } | null = null;
    // False when sharp cannot decode it. A type it has no codec for (HEIC) then has no copy, for
    // good; a type it decodes (JPEG, PNG…) that it refuses is damaged (or not an image at all, a
    // polyglot): shown as a failure at once (recordPublicCopyFailed), not a photo silently left
    // without a copy — and not retried, since the same bytes fail the same way every time.
    // Failures that may pass (storage, disk) throw and get pg-boss's retries.
    const made = await makePublicCopy(sourcePath, copyPath, config.imageMaxPixels);
    if (!made && decodableHere(row.detected_type)) {
      await recordPublicCopyFailed(db, data, new Error(`the image (${row.detected_type}) could not be decoded`));
      await chainPendingAudit(db).catch(() => {});
      return;
    }
    if (made) {
      const sha256 = await sha256OfFile(copyPath);
      await storage.put(publicCopyKey(row), createReadStream(copyPath), (await stat(copyPath)).size);
      copy = { key: publicCopyKey(row), sha256 };
    }
    await inOrganisation(db, data.organisationId, async (trx) => {
      const updated = await trx.updateTable('evidence')
        .set({ public_copy_pending: false, public_copy_key: copy?.key ?? null, public_copy_sha256: copy?.sha256 ?? null })
        .where('id', '=', row.id).where('public_copy_pending', '=', true).returning(['id']).executeTakeFirst();
      if (!updated) return;
      await recordAudit(trx, {
        organisationId: data.organisationId, actorId: null, action: copy ? 'evidence.public_copy_made' : 'evidence.public_copy_impossible',
        entityType: 'evidence', entityId: row.id, after: { publicCopySha256: copy?.sha256 ?? null },
      });
    });
    // Its custody entry chained now rather than at the next sweep: a bundle exported right after
    // lists it (the chain lock makes this safe beside the request sequencers; a failure is retried by them).
    await chainPendingAudit(db).catch(() => {});
  } finally {
    await rm(sourcePath, { force: true });
    await rm(copyPath, { force: true });
  }
}
