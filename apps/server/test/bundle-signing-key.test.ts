import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundleSigningKey, SIGNING_KEY_FILE } from '../src/modules/legal/bundles/bundle-signing-key.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundle signing key', () => {
  it('takes the configured key as PEM or as its one-line base64 body', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const a = loadBundleSigningKey(pem, dir);
    expect(loadBundleSigningKey(body, dir).fingerprint).toBe(a.fingerprint);
    expect(a.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('generates one key once in the data folder, private to the server, and keeps it', () => {
    const first = loadBundleSigningKey(undefined, dir);
    expect(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadBundleSigningKey(undefined, dir).fingerprint).toBe(first.fingerprint);
  });

  it('refuses a key that is not Ed25519 or not a key, with a readable message', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadBundleSigningKey(rsa, dir)).toThrow('BUNDLE_SIGNING_KEY must be an Ed25519 key, not rsa');
    expect(() => loadBundleSigningKey('not a key at all, but long enough to pass', dir)).toThrow(/not a PKCS#8 private key/);
  });
});
