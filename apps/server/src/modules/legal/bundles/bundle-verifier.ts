import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SafeZip, ZipRefusal, type SafeEntry, type ZipLimits } from '../../../platform/zip/safe-zip.js';
import { z } from 'zod';
import { BUNDLE_FORMAT, RELEASE_FORMAT, MANIFEST_JSON, MANIFEST_SIG, PUBLIC_KEY_PEM, UNLISTED, publicKeyFingerprint } from './bundle-format.js';

/**
 * Checks an evidence bundle: the Ed25519 signature of manifest.json, then every file against
 * the manifest, naming each file altered, removed or added. The archive is read by the platform's
 * safe ZIP reader (one archive, read the same by every tool; entries streamed and hashed, never
 * held whole), so the command-line tool and the tests run the very same checks. It needs nothing
 * from the server: whoever holds the organisation's public key can check a bundle on their own
 * computer.
 */
export class BundleInputError extends Error {
  constructor(readonly reason: 'not_zip' | 'damaged_zip' | 'unsafe_zip' | 'bad_public_key' | 'no_public_key', detail?: string, readonly refusal?: ZipRefusal) {
    super(detail ?? reason);
  }
}

/** Bundles hold videos: large entries are fine, bombs and absurd counts are not. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = { maxEntries: 50_000, maxEntryBytes: 64 * 2 ** 30, maxTotalBytes: 256 * 2 ** 30, maxRatio: 100 };
const SMALL_PART_BYTES = 16 * 2 ** 20;

/** Vigie never writes control characters in a manifest: one there is tampering, not data. */
const plainText = z.string().regex(/^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/);
const listedFile = z.object({ path: plainText.min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), sizeBytes: z.number().int().min(0) });
const manifestSchema = z.object({
  format: z.enum([BUNDLE_FORMAT, RELEASE_FORMAT]),
  bundleId: plainText,
  createdAt: plainText,
  organisation: z.object({ name: plainText }),
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

async function openZip(source: Uint8Array | string): Promise<SafeZip> {
  try {
    return await SafeZip.open(typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength), BUNDLE_ZIP_LIMITS);
  } catch (err) {
    throw refused(err);
  }
}

function refused(err: unknown): unknown {
  if (!(err instanceof ZipRefusal)) return err;
  if (err.reason === 'not_zip') return new BundleInputError('not_zip', err.message, err);
  if (err.reason === 'damaged') return new BundleInputError('damaged_zip', err.message, err);
  return new BundleInputError('unsafe_zip', err.message, err);
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

function checkSignature(manifest: Buffer | undefined, sig: Buffer | undefined, key: KeyObject): VerifyReport['signature'] {
  if (!manifest || !sig) return 'missing';
  const text = Buffer.from(sig).toString('utf8').trim();
  const raw = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || raw.length !== 64) return 'invalid';
  return verify(null, manifest, key, raw) ? 'valid' : 'invalid';
}

/** `source`: the archive's bytes, or the path of the file (streamed from disk, never loaded whole). */
export async function verifyBundle(source: Uint8Array | string, trustedKeyPem?: string | Uint8Array): Promise<VerifyReport> {
  const trusted = trustedKeyPem === undefined ? undefined : publicKeyFrom(trustedKeyPem, 'public key');
  const zip = await openZip(source);
  try {
    return await verifyOpened(zip, trusted);
  } catch (err) {
    throw refused(err);
  } finally {
    zip.close();
  }
}

async function verifyOpened(zip: SafeZip, trusted: KeyObject | undefined): Promise<VerifyReport> {
  const small = async (name: string) => {
    const entry = zip.find(name);
    return entry ? zip.read(entry, SMALL_PART_BYTES) : undefined;
  };
  const own = await small(PUBLIC_KEY_PEM);
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
  const manifestBytes = await small(MANIFEST_JSON);
  const signature = checkSignature(manifestBytes, await small(MANIFEST_SIG), key);

  let manifestProblem: VerifyReport['manifestProblem'] = null;
  let parsed: z.infer<typeof manifestSchema> | null = null;
  if (!manifestBytes) manifestProblem = 'missing';
  else {
    try {
      const result = manifestSchema.safeParse(JSON.parse(manifestBytes.toString('utf8')));
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
  const byName = new Map<string, SafeEntry>(zip.entries.map((e) => [e.name, e]));
  // Every entry is streamed (listed or not), so each one's real size and CRC are checked
  // against its headers: an unlisted bomb is refused as a bomb, not just reported as "added".
  const hashes = new Map<string, string>();
  for (const entry of zip.entries) hashes.set(entry.name, await hashEntry(zip, entry));
  for (const f of listed) {
    const entry = byName.get(f.path);
    if (!entry) { removed.push(f.path); continue; }
    const actual = hashes.get(entry.name)!;
    if (actual !== f.sha256 || entry.size !== f.sizeBytes) altered.push({ path: f.path, expectedSha256: f.sha256, actualSha256: actual });
    else checked.push(f.path);
  }
  const known = new Set<string>([...listed.map((f) => f.path), ...UNLISTED]);
  // Without a readable manifest every file is unaccounted for, so none is called "added".
  const added = parsed ? [...byName.keys()].filter((name) => !known.has(name)).sort() : [];

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

async function hashEntry(zip: SafeZip, entry: SafeEntry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await zip.stream(entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
