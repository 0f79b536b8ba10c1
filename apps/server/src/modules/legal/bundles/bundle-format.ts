import { createHash, type KeyObject } from 'node:crypto';

/**
 * The layout of an evidence bundle, shared by the server that writes it and the verifier that
 * checks it. Kept free of server code (no database, no configuration) so the verifier can be
 * read and audited on its own by whoever the court trusts to check a bundle.
 *
 *   manifest.json   what the bundle holds: every file with its SHA-256 and custody log
 *   manifest.sig    Ed25519 signature of the exact bytes of manifest.json, in base64
 *   manifest.pdf    the same manifest for people to read (its hash is in manifest.json)
 *   public-key.pem  the signing key's public half, for convenience only: a check that matters
 *                   uses the key obtained separately from the organisation
 *   originals/…     the evidence files, byte for byte as received from the observer's phone
 */
export const BUNDLE_FORMAT = 'vigie-evidence-bundle/1';
/** Research releases (communication/research) use the same manifest, signature and verifier. */
export const RELEASE_FORMAT = 'vigie-research-release/1';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SIG = 'manifest.sig';
export const MANIFEST_PDF = 'manifest.pdf';
export const PUBLIC_KEY_PEM = 'public-key.pem';

/** Files that are not listed in the manifest's files because they describe or sign it. */
export const UNLISTED = [MANIFEST_JSON, MANIFEST_SIG, PUBLIC_KEY_PEM] as const;

/** Every file the manifest vouches for carries these three facts. */
export type ListedFile = { path: string; sha256: string; sizeBytes: number };

export type Person = { id: string; displayName: string | null };

/**
 * One line of a file's chain of custody. No sequence number: the audit trail's is numbered across
 * every organisation of the server, so it would tell a reader how busy the others are. The
 * entry's hash identifies it in the trail, and the lines come in the trail's order.
 */
export type CustodyEvent = {
  at: string;
  action: string;
  actor: Person | null;
  /** The audit entry's own hash: ties this line to the organisation's hash-chained audit trail. */
  auditHash: string;
  details: unknown;
};

export type BundledEvidence = ListedFile & {
  evidenceId: string;
  kind: string;
  mediaType: string | null;
  originalName: string;
  sha256Device: string;
  capturedAt: string | null;
  receivedAt: string | null;
  gps: { latitude: number; longitude: number; altitude: number | null } | null;
  author: Person;
  uploader: Person;
  credit: string | null;
  eviction: { id: string; date: string; siteCode: string; siteName: string; communeInsee: string } | null;
  incidentId: string | null;
  custody: CustodyEvent[];
};

export type CaseSummary = Record<string, unknown>;

export type Manifest = {
  format: typeof BUNDLE_FORMAT;
  bundleId: string;
  createdAt: string;
  createdBy: Person;
  organisation: { id: string; name: string };
  signingKey: { algorithm: 'Ed25519'; sha256Fingerprint: string };
  case: CaseSummary | null;
  files: BundledEvidence[];
  /** Files derived from the manifest (the readable PDF), vouched for the same way. */
  documents: ListedFile[];
};

/** SHA-256 of the public key's DER (SubjectPublicKeyInfo), the way people compare keys by phone or letter. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const hex = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return hex.match(/.{4}/g)!.join(' ');
}
