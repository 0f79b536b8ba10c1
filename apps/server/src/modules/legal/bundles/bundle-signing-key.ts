import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyFingerprint } from './bundle-format.js';

/**
 * The Ed25519 key that signs evidence bundles. It comes from BUNDLE_SIGNING_KEY (PKCS#8 PEM,
 * or its base64 body on one line); a single-machine install without it gets one generated
 * once in the data folder (mode 0600), like secret.key. The key must outlive the server:
 * bundles already handed to a court are checked against its public half for years, so it is
 * backed up with the data and never rotated silently.
 */
export type BundleSigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; fingerprint: string };

export const SIGNING_KEY_FILE = 'bundle-signing.key';

function parsePrivateKey(text: string, where: string): KeyObject {
  const pem = text.includes('-----BEGIN')
    ? text
    : `-----BEGIN PRIVATE KEY-----\n${text.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END PRIVATE KEY-----\n`;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(`${where} is not a PKCS#8 private key (openssl genpkey -algorithm ed25519)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where} must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

function withPublicHalf(privateKey: KeyObject): BundleSigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

export function loadBundleSigningKey(configured: string | undefined, dataDir: string): BundleSigningKey {
  if (configured) return withPublicHalf(parsePrivateKey(configured, 'BUNDLE_SIGNING_KEY'));
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) return withPublicHalf(parsePrivateKey(readFileSync(file, 'utf8'), file));
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return withPublicHalf(privateKey);
}
