import { createHash, randomUUID, sign } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import type { AppContext } from '../../../platform/context.js';
import { recordAuditBatch } from '../../../platform/audit/audit-trail.js';
import { fileDecryptor } from '../../../platform/crypto/file-cipher.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { MANIFEST_JSON, MANIFEST_PDF, MANIFEST_SIG, PUBLIC_KEY_PEM, type CaseSummary, type Manifest } from './bundle-format.js';
import { buildManifest } from './bundle-manifest.js';
import { manifestPdf } from './bundle-manifest-pdf.js';
import { loadBundleSigningKey, type BundleSigningKey } from './bundle-signing-key.js';
import { StreamingZip } from './bundle-zip.js';
// "All of a case's evidence" is defined once, by the cases module (linked evidence plus that of linked evictions and incidents).
import { caseEvidenceIds } from '../cases/case-lookup.js';
import {
  caseEvictions, custodyEntries, displayNames, findBundleEvidence, findCase, organisationName,
} from './bundle.queries.js';

/** A bundle is for a court filing, not a backup: past this many files, make several. */
export const BUNDLE_MAX_FILES = 500;

const keys = new Map<string, BundleSigningKey>();

/** The signing key of this deployment, read (or generated) once per process. */
export function bundleSigningKey(ctx: AppContext): BundleSigningKey {
  const id = `${ctx.config.dataDir}\n${ctx.config.bundleSigningKey ?? ''}`;
  let key = keys.get(id);
  if (!key) keys.set(id, key = loadBundleSigningKey(ctx.config.bundleSigningKey, ctx.config.dataDir));
  return key;
}

export type BundleRequest = { evidenceIds?: string[]; caseId?: string; requestedBy: string; ip?: string };
export type EvidenceBundle = { bundleId: string; fileName: string; manifest: Manifest; manifestSha256: string; stream: Readable };

async function summariseCase(trx: Trx, caseId: string): Promise<CaseSummary> {
  const found = await findCase(trx, caseId);
  if (!found) throw new AppError('legal_case.not_found');
  const evictions = await caseEvictions(trx, caseId);
  return {
    id: found.id, title: found.title, actionType: found.action_type, court: found.court, externalReference: found.external_reference,
    status: found.status, outcome: found.outcome, summary: found.summary, openedAt: found.created_at.toISOString(),
    evictions: evictions.map((e) => ({ id: e.id, date: e.date, siteCode: e.site_code, communeInsee: e.commune_insee })),
  };
}

/**
 * Reads what goes into the bundle and writes, in the same transaction, one audit entry per
 * file ("exported in bundle X by Y") and one for the bundle: if the trail cannot be written,
 * nothing is sent. The custody log is what the hash-chained trail holds; this export's own
 * entries are chained after the commit, so they appear in the custody log of later bundles
 * (this bundle is described by its manifest: id, time, who).
 */
async function collect(ctx: AppContext, orgId: string, request: BundleRequest, bundleId: string, createdAt: Date) {
  return inOrganisation(ctx.db, orgId, async (trx) => {
    const caseSummary = request.caseId ? await summariseCase(trx, request.caseId) : null;
    const ids = [...new Set([...(request.evidenceIds ?? []), ...(request.caseId ? await caseEvidenceIds(trx, request.caseId) : [])])];
    if (ids.length === 0) throw new AppError('legal_bundle.empty');
    if (ids.length > BUNDLE_MAX_FILES) throw new AppError('legal_bundle.too_many', { max: BUNDLE_MAX_FILES });
    const evidence = await findBundleEvidence(trx, ids);
    const missing = ids.filter((id) => !evidence.some((e) => e.id === id));
    if (missing.length) throw new AppError('legal_bundle.unknown_evidence', { ids: missing.join(', ') });
    const notStored = evidence.filter((e) => e.status !== 'stored');
    if (notStored.length) throw new AppError('legal_bundle.not_stored', { names: notStored.map((e) => e.original_name).join(', ') });
    await recordAuditBatch(trx, [
      ...evidence.map((e) => ({
        organisationId: orgId, actorId: request.requestedBy, action: 'evidence.bundle_exported', entityType: 'evidence', entityId: e.id,
        context: { bundleId, caseId: request.caseId ?? null, ...(request.ip && { ip: request.ip }) },
      })),
      {
        organisationId: orgId, actorId: request.requestedBy, action: 'legal.bundle_exported', entityType: 'evidence_bundle', entityId: bundleId,
        context: { evidenceIds: evidence.map((e) => e.id), caseId: request.caseId ?? null, ...(request.ip && { ip: request.ip }) },
      },
    ]);
    const custody = await custodyEntries(trx, ids);
    const people = [request.requestedBy, ...evidence.map((e) => e.author_id), ...custody.flatMap((c) => (c.actor_id ? [c.actor_id] : []))];
    const names = await displayNames(trx, [...new Set(people)]);
    const organisation = { id: orgId, name: await organisationName(trx, orgId) };
    return { caseSummary, evidence, custody, names, organisation, createdAt };
  });
}

export async function buildEvidenceBundle(ctx: AppContext, orgId: string, request: BundleRequest): Promise<EvidenceBundle> {
  const key = bundleSigningKey(ctx);
  const bundleId = randomUUID();
  const data = await collect(ctx, orgId, request, bundleId, new Date());
  const manifest = buildManifest({
    bundleId, createdAt: data.createdAt, createdBy: { id: request.requestedBy, displayName: data.names.get(request.requestedBy) ?? null },
    organisation: data.organisation, fingerprint: key.fingerprint, caseSummary: data.caseSummary,
    evidence: data.evidence, custody: data.custody, names: data.names,
  });
  const pdf = manifestPdf(manifest);
  manifest.documents = [{ path: MANIFEST_PDF, sha256: createHash('sha256').update(pdf).digest('hex'), sizeBytes: pdf.length }];
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = sign(null, manifestBytes, key.privateKey);

  const zip = new StreamingZip();
  const rows = new Map(data.evidence.map((e) => [e.id, e]));
  void (async () => {
    const at = data.createdAt;
    await zip.addBytes(MANIFEST_JSON, manifestBytes, at);
    await zip.addBytes(MANIFEST_SIG, Buffer.from(`${signature.toString('base64')}\n`), at);
    await zip.addBytes(MANIFEST_PDF, pdf, at);
    await zip.addBytes(PUBLIC_KEY_PEM, Buffer.from(key.publicKeyPem), at);
    const storage = createObjectStorage(ctx.config.storage);
    for (const file of manifest.files) {
      const row = rows.get(file.evidenceId)!;
      const decrypt = fileDecryptor(ctx.serverKey, row.id, Buffer.from(row.encryption_iv!, 'base64'), Buffer.from(row.encryption_tag!, 'base64'));
      const hash = createHash('sha256');
      // pipeline passes a storage error on to the decrypting stream, which the ZIP writer is reading.
      const bytes = pipeline(await storage.get(row.storage_key!), decrypt, () => {});
      await zip.addStream(file.path, bytes, at, (chunk) => hash.update(chunk));
      // GCM already refuses altered ciphertext; this also catches a wrong row or key mix-up.
      if (hash.digest('hex') !== file.sha256) throw new Error(`Stored original of evidence ${row.id} does not match its recorded hash`);
    }
    zip.end();
  })().catch((err: Error) => {
    ctx.log.error({ err, bundleId }, 'evidence bundle could not be completed');
    zip.fail(err);
  });

  const day = data.createdAt.toISOString().slice(0, 10);
  return {
    bundleId, manifest, stream: zip.output,
    fileName: `dossier-preuves-${day}-${bundleId.slice(0, 8)}.zip`,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
  };
}
