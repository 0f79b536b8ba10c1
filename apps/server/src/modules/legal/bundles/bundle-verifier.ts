import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { BUNDLE_FORMAT, RELEASE_FORMAT, MANIFEST_JSON, MANIFEST_SIG, PUBLIC_KEY_PEM, UNLISTED, publicKeyFingerprint } from './bundle-format.js';

/**
 * Checks an evidence bundle: the Ed25519 signature of manifest.json, then every file against
 * the manifest, naming each file altered, removed or added. Pure (bytes in, report out) so the
 * command-line tool and the tests run the very same checks. It needs nothing from the server:
 * whoever holds the organisation's public key can check a bundle on their own computer.
 */
export class BundleInputError extends Error {
  constructor(readonly reason: 'not_zip' | 'damaged_zip' | 'bad_public_key' | 'no_public_key', detail?: string) {
    super(detail ?? reason);
  }
}

const listedFile = z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), sizeBytes: z.number().int().min(0) });
const manifestSchema = z.object({
  format: z.enum([BUNDLE_FORMAT, RELEASE_FORMAT]),
  bundleId: z.string(),
  createdAt: z.string(),
  organisation: z.object({ name: z.string() }),
  files: z.array(listedFile),
  documents: z.array(listedFile),
});

export type FileProblem = { path: string; expectedSha256?: string; actualSha256?: string };
export type VerifyReport = {
  valid: boolean;
  signature: 'valid' | 'invalid' | 'missing';
  /** Where the key came from: given separately (trustworthy) or only the bundle's own copy. */
  keySource: 'given' | 'bundle';
  keyFingerprint: string;
  /** When a key was given: whether the bundle's public-key.pem is that same key. */
  bundleKeyMatches: boolean | null;
  manifest: { bundleId: string; createdAt: string; organisation: string; files: number } | null;
  manifestProblem: 'missing' | 'unreadable' | null;
  checked: string[];
  altered: FileProblem[];
  removed: string[];
  added: string[];
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  // "PK\x03\x04" starts every ZIP with entries, "PK\x05\x06" an empty one.
  const magic = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
  if (!magic) throw new BundleInputError('not_zip');
  try {
    return unzipSync(bytes);
  } catch (err) {
    throw new BundleInputError('damaged_zip', err instanceof Error ? err.message : String(err));
  }
}

function publicKeyFrom(pem: string | Uint8Array, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(pem), format: 'pem' });
  } catch {
    throw new BundleInputError('bad_public_key', where);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new BundleInputError('bad_public_key', where);
  return key;
}

function checkSignature(entries: Record<string, Uint8Array>, key: KeyObject): VerifyReport['signature'] {
  const manifest = entries[MANIFEST_JSON];
  const sig = entries[MANIFEST_SIG];
  if (!manifest || !sig) return 'missing';
  const text = Buffer.from(sig).toString('utf8').trim();
  const raw = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || raw.length !== 64) return 'invalid';
  return verify(null, manifest, key, raw) ? 'valid' : 'invalid';
}

export function verifyBundle(zipBytes: Uint8Array, trustedKeyPem?: string | Uint8Array): VerifyReport {
  const trusted = trustedKeyPem === undefined ? undefined : publicKeyFrom(trustedKeyPem, 'public key');
  const entries = readZip(zipBytes);
  const own = entries[PUBLIC_KEY_PEM];
  let key = trusted;
  if (!key) {
    if (!own) throw new BundleInputError('no_public_key');
    key = publicKeyFrom(own, PUBLIC_KEY_PEM);
  }
  let bundleKeyMatches: boolean | null = null;
  if (trusted) {
    try {
      bundleKeyMatches = own ? publicKeyFrom(own, PUBLIC_KEY_PEM).equals(trusted) : false;
    } catch {
      bundleKeyMatches = false;
    }
  }
  const signature = checkSignature(entries, key);

  let manifestProblem: VerifyReport['manifestProblem'] = null;
  let parsed: z.infer<typeof manifestSchema> | null = null;
  const manifestBytes = entries[MANIFEST_JSON];
  if (!manifestBytes) manifestProblem = 'missing';
  else {
    try {
      const result = manifestSchema.safeParse(JSON.parse(Buffer.from(manifestBytes).toString('utf8')));
      if (result.success) parsed = result.data;
      else manifestProblem = 'unreadable';
    } catch {
      manifestProblem = 'unreadable';
    }
  }

  const listed = parsed ? [...parsed.files, ...parsed.documents] : [];
  const checked: string[] = [];
  const altered: FileProblem[] = [];
  const removed: string[] = [];
  for (const f of listed) {
    const bytes = entries[f.path];
    if (!bytes) { removed.push(f.path); continue; }
    const actual = sha256(bytes);
    if (actual !== f.sha256 || bytes.length !== f.sizeBytes) altered.push({ path: f.path, expectedSha256: f.sha256, actualSha256: actual });
    else checked.push(f.path);
  }
  const known = new Set<string>([...listed.map((f) => f.path), ...UNLISTED]);
  // Without a readable manifest every file is unaccounted for, so none is called "added".
  const added = parsed ? Object.keys(entries).filter((name) => !known.has(name)).sort() : [];

  return {
    valid: signature === 'valid' && manifestProblem === null && altered.length === 0 && removed.length === 0 && added.length === 0,
    signature,
    keySource: trusted ? 'given' : 'bundle',
    keyFingerprint: publicKeyFingerprint(key),
    bundleKeyMatches,
    manifest: parsed ? { bundleId: parsed.bundleId, createdAt: parsed.createdAt, organisation: parsed.organisation.name, files: parsed.files.length } : null,
    manifestProblem,
    checked, altered, removed, added,
  };
}
