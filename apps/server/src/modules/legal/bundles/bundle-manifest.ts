import { BUNDLE_FORMAT, type BundledEvidence, type CaseSummary, type CustodyEvent, type Manifest, type Person } from './bundle-format.js';
import type { custodyEntries, findBundleEvidence } from './bundle.queries.js';

/**
 * Turns the database's view of the chosen evidence into the manifest a court reads. Pure: the
 * same rows give the same manifest, which is what gets signed.
 */
type EvidenceRow = Awaited<ReturnType<typeof findBundleEvidence>>[number];
type AuditRow = Awaited<ReturnType<typeof custodyEntries>>[number];

/** Names inside the ZIP: a number keeps them unique and ordered, the original name keeps them recognisable. */
export function pathInBundle(index: number, originalName: string): string {
  const safe = originalName.normalize('NFC').replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^[.\s]+/, '').slice(-80) || 'file';
  return `originals/${String(index + 1).padStart(3, '0')}-${safe}`;
}

/**
 * What of an audit entry goes to court: the facts about the file, not the network addresses
 * of the observers who handled it (an IP can locate a person; it proves nothing about the file).
 */
function custodyDetails(after: unknown, context: unknown) {
  const ctx = context && typeof context === 'object' ? { ...(context as Record<string, unknown>) } : null;
  if (ctx) delete ctx.ip;
  return { after: after ?? null, context: ctx && Object.keys(ctx).length ? ctx : null };
}

export type ManifestInput = {
  bundleId: string;
  createdAt: Date;
  createdBy: Person;
  organisation: { id: string; name: string };
  fingerprint: string;
  caseSummary: CaseSummary | null;
  evidence: EvidenceRow[];
  custody: AuditRow[];
  names: Map<string, string>;
};

export function buildManifest(input: ManifestInput): Manifest {
  const person = (id: string | null): Person | null => (id ? { id, displayName: input.names.get(id) ?? null } : null);
  const files: BundledEvidence[] = input.evidence.map((e, i) => ({
    path: pathInBundle(i, e.original_name),
    sha256: e.sha256_received!,
    sizeBytes: Number(e.size_bytes),
    evidenceId: e.id,
    kind: e.kind,
    mediaType: e.detected_type,
    originalName: e.original_name,
    sha256Device: e.sha256_device,
    capturedAt: e.captured_at?.toISOString() ?? null,
    receivedAt: e.received_at?.toISOString() ?? null,
    gps: e.latitude !== null && e.longitude !== null ? { latitude: e.latitude, longitude: e.longitude, altitude: e.altitude } : null,
    author: person(e.author_id)!,
    // Uploads are authenticated as the person who recorded the file: the author is the uploader.
    uploader: person(e.author_id)!,
    credit: e.credit,
    eviction: e.eviction_id && e.site_code
      ? { id: e.eviction_id, date: e.eviction_date!, siteCode: e.site_code, siteName: e.site_name!, communeInsee: e.commune_insee! }
      : null,
    incidentId: e.incident_id,
    custody: input.custody.filter((a) => a.entity_id === e.id).map((a): CustodyEvent => ({
      at: a.at.toISOString(), action: a.action, actor: person(a.actor_id), auditHash: a.hash,
      details: custodyDetails(a.after, a.context),
    })),
  }));
  return {
    format: BUNDLE_FORMAT,
    bundleId: input.bundleId,
    createdAt: input.createdAt.toISOString(),
    createdBy: input.createdBy,
    organisation: input.organisation,
    signingKey: { algorithm: 'Ed25519', sha256Fingerprint: input.fingerprint },
    case: input.caseSummary,
    files,
    documents: [],
  };
}
