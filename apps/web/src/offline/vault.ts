/**
 * The phone's local store is encrypted at rest (issue 16, docs/PHONE-SECURITY.md). One random
 * AES-GCM-256 data key per observer's database encrypts every row; it is kept on the phone only
 * wrapped (AES-GCM) under a key derived from the observer's unlock code with PBKDF2-SHA-256.
 * The unwrapped key lives in memory while the app is unlocked, never in storage.
 */

/** Measured on a CPU-throttled (×4) Chromium: see docs/PHONE-SECURITY.md. Stored per keyring, so it can rise later. */
export const PBKDF2_ITERATIONS = 310_000;
export const MIN_CODE_LENGTH = 6;
export const MAX_WRONG_CODES = 10;

/** The plaintext part of the store: everything needed to unlock, nothing about records. */
export interface Keyring {
  key: 'lock';
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  wrapped: ArrayBuffer;
  failures: number;
  /** This phone's registration with the server (for revocation). */
  deviceId: string;
  registered: boolean;
  /**
   * The data key wrapped for the server (its escrow public key): the phone cannot open it; the
   * server can, only when the phone sends it with its outbox before a wipe after 10 wrong codes.
   * Absent until the code was chosen or given while the server could be reached.
   */
  escrow?: EscrowBlob;
}

/** ECIES to the server's P-256 escrow key, in base64url: what the rescue request carries as is. */
export interface EscrowBlob { x: string; y: string; iv: string; wrapped: string }
export type EscrowPublicKey = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

const b64url = (b: ArrayBuffer | Uint8Array) => {
  const bytes = b instanceof Uint8Array ? b : new Uint8Array(b);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};
export { b64url as toBase64Url };

/**
 * Wraps the raw data key for the server (platform/crypto/escrow-key.ts on the server side):
 * ephemeral ECDH P-256, HKDF-SHA-256 ("vigie-phone-escrow-v1"), AES-256-GCM.
 */
async function escrowOf(raw: Uint8Array, server: EscrowPublicKey): Promise<EscrowBlob> {
  const serverKey = await subtle().importKey('jwk', { ...server, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const eph = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const shared = await subtle().deriveBits({ name: 'ECDH', public: serverKey }, eph.privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const kek = await subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode('vigie-phone-escrow-v1') }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = random(12);
  const wrapped = await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: enc.encode('vigie-data-key-escrow') }, kek, raw as BufferSource);
  const pub = await subtle().exportKey('jwk', eph.publicKey);
  return { x: pub.x!, y: pub.y!, iv: b64url(iv), wrapped: b64url(wrapped) };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const subtle = () => crypto.subtle;

async function kekOf(code: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', enc.encode(code.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

const importData = (raw: BufferSource) => subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);

export async function createKeyring(code: string, iterations = PBKDF2_ITERATIONS, server: EscrowPublicKey | null = null): Promise<{ keyring: Keyring; key: CryptoKey }> {
  const raw = random(32);
  const salt = random(16);
  const iv = random(12);
  const wrapped = await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: enc.encode('vigie-data-key') }, await kekOf(code, salt, iterations), raw as BufferSource);
  const key = await importData(raw as BufferSource);
  const escrow = server ? await escrowOf(raw, server).catch(() => undefined) : undefined;
  raw.fill(0);
  return { keyring: { key: 'lock', salt, iterations, iv, wrapped, failures: 0, deviceId: crypto.randomUUID(), registered: false, ...(escrow && { escrow }) }, key };
}

/**
 * The data key, or null when the code is wrong (AES-GCM's tag does not verify); with the server's
 * escrow key, also the escrow a keyring made before it had none (the raw key is only in hand here).
 */
export async function openKeyring(k: Keyring, code: string, server: EscrowPublicKey | null = null): Promise<{ key: CryptoKey; escrow?: EscrowBlob } | null> {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: k.iv as BufferSource, additionalData: enc.encode('vigie-data-key') }, await kekOf(code, k.salt, k.iterations), k.wrapped));
  } catch {
    return null;
  }
  const key = await importData(raw as BufferSource);
  const escrow = server && !k.escrow ? await escrowOf(raw, server).catch(() => undefined) : undefined;
  raw.fill(0);
  return { key, ...(escrow && { escrow }) };
}

/** A row as stored: only its key in clear; the content (bound to its store and key) in `c`. */
export interface SealedRow {
  iv: Uint8Array;
  c: ArrayBuffer;
  /** A photo's bytes, encrypted apart from its description. */
  biv?: Uint8Array;
  b?: ArrayBuffer;
}

const aad = (store: string, key: IDBValidKey) => enc.encode(`${store}:${String(key)}`);

export async function sealRow(key: CryptoKey, store: string, id: IDBValidKey, row: Record<string, unknown>): Promise<SealedRow> {
  const { blob, ...rest } = row as { blob?: unknown };
  const iv = random(12);
  const sealed: SealedRow = { iv, c: await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(store, id) }, key, enc.encode(JSON.stringify({ ...rest, ...(blob instanceof Blob ? { blobType: blob.type } : { blob: blob ?? undefined }) }))) };
  if (blob instanceof Blob) {
    const biv = random(12);
    sealed.biv = biv;
    sealed.b = await subtle().encrypt({ name: 'AES-GCM', iv: biv as BufferSource, additionalData: aad(`${store}#bytes`, id) }, key, await blob.arrayBuffer());
  }
  return sealed;
}

export async function openRow(key: CryptoKey, store: string, id: IDBValidKey, s: SealedRow): Promise<Record<string, unknown>> {
  const row = JSON.parse(dec.decode(await subtle().decrypt({ name: 'AES-GCM', iv: s.iv as BufferSource, additionalData: aad(store, id) }, key, s.c))) as Record<string, unknown>;
  if (s.b && s.biv) {
    const bytes = await subtle().decrypt({ name: 'AES-GCM', iv: s.biv as BufferSource, additionalData: aad(`${store}#bytes`, id) }, key, s.b);
    const { blobType, ...rest } = row as { blobType?: string };
    return { ...rest, blob: new Blob([bytes], { type: blobType ?? '' }) };
  }
  return row;
}

export const isSealed = (row: unknown): row is SealedRow => !!row && typeof row === 'object' && 'c' in row && 'iv' in row;
