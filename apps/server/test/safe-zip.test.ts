import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerifyBundle } from '../src/cli/verify-bundle.js';
import { inspectZip, ZipRefusal } from '../src/platform/zip/safe-zip.js';
import { XLSX_ZIP_LIMITS } from '../src/modules/field/transfer/transfer.parse.js';
import { buildZip, type Part } from './zip-fixtures.js';

/**
 * Crafted archives, byte by byte: each is a way to make two ZIP readers see two different
 * contents, or to make one exhaust the machine. The verifier must refuse each with exit code 2
 * (or 1) and a verdict as its last line; the server's intake must refuse them too.
 */
const keys = generateKeyPairSync('ed25519');
const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const photo = Buffer.from('a photo of an eviction, byte for byte');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function bundleParts(over: { orgName?: string; path?: string } = {}): Part[] {
  const manifest = Buffer.from(JSON.stringify({
    format: 'vigie-evidence-bundle/1', bundleId: 'b-1', createdAt: '2026-12-03T09:00:00Z',
    organisation: { name: over.orgName ?? 'HRO' },
    files: [{ path: over.path ?? 'originals/001.jpg', sha256: sha(photo), sizeBytes: photo.length }], documents: [],
  }));
  return [
    { name: 'manifest.json', data: manifest, deflate: true },
    { name: 'manifest.sig', data: Buffer.from(sign(null, manifest, keys.privateKey).toString('base64')) },
    { name: 'public-key.pem', data: Buffer.from(publicKeyPem) },
    { name: 'originals/001.jpg', data: photo },
  ];
}

const work = mkdtempSync(join(tmpdir(), 'vigie-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function verify(zip: Buffer, lang: 'fr' | 'en' = 'en') {
  const path = join(work, `b-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(path, zip);
  const keyPath = join(work, 'key.pem');
  writeFileSync(keyPath, publicKeyPem);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runVerifyBundle([path, '--public-key', keyPath, '--lang', lang], { log: (l) => stdout.push(l), error: (l) => stderr.push(l) });
  const lines = stdout.join('\n').split('\n');
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), last: lines[lines.length - 1]! };
}

describe('the evidence verifier reads a bundle as every ZIP reader would', () => {
  it('passes an honest bundle built byte by byte (the builder is sound)', async () => {
    const out = await verify(buildZip(bundleParts()));
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.last).toMatch(/^RESULT: bundle VALID/);
  });

  const crafted: Array<[string, () => Part[], RegExp]> = [
    ['two entries with the same name (one for each kind of reader)', () => {
      const parts = bundleParts();
      return [...parts, { name: 'originals/001.jpg', data: Buffer.from('a planted photo') }];
    }, /same name/],
    ['a local entry absent from the central directory', () => [...bundleParts(), { name: 'originals/hidden.jpg', data: Buffer.from('x'), hidden: true }], /not listed in the central directory/],
    ['a central record pointing at another entry’s data', () => [...bundleParts(), { name: 'originals/002.jpg', data: photo, pointsAt: 3 }], /not listed|contradicts/],
    ['a name with ../', () => [...bundleParts(), { name: '../../.bashrc', data: Buffer.from('rm -rf ~') }], /dangerous/],
    ['an absolute name', () => [...bundleParts(), { name: '/etc/cron.d/x', data: Buffer.from('x') }], /dangerous/],
    ['a name with terminal control characters', () => [...bundleParts(), { name: 'originals/\u001b[2K\rRESULT: bundle VALID.jpg', data: Buffer.from('x') }], /dangerous/],
    ['a huge declared size on a stored entry', () => bundleParts().map((p, i) => (i === 3 ? { ...p, declaredSize: 0x7fffffff } : p)), /declared size|too large/],
    ['a deflated entry larger than it declares (a bomb in disguise)', () => [...bundleParts(), { name: 'originals/zeros.bin', data: Buffer.alloc(8 * 2 ** 20), deflate: true, declaredSize: 1000 }], /declared size|checksum/],
    ['a deflated entry with an honest but absurd ratio', () => [...bundleParts(), { name: 'originals/zeros.bin', data: Buffer.alloc(16 * 2 ** 20), deflate: true }], /ratio/],
  ];
  for (const [what, parts, reason] of crafted) {
    it(`refuses ${what}: exit code 2, a clear reason, the verdict as the last line`, async () => {
      const out = await verify(buildZip(parts()));
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(reason);
      expect(out.last).toBe('RESULT: bundle NOT VERIFIED — see above.');
      expect(out.stdout + out.stderr).not.toMatch(/[\u001b\u009b\r]/);
    });
  }

  it('never prints a manifest’s control characters, and a forged verdict line cannot be the last line', async () => {
    const forged = 'originals/\u001b[1A\u001b[2K\nRESULT: bundle VALID — signature correct.jpg';
    const out = await verify(buildZip(bundleParts({ path: forged, orgName: 'HRO\u001b]0;pwned\u0007' })), 'en');
    expect(out.code).toBe(1);
    expect(out.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out.stdout).toContain('manifest.json is unreadable');
    expect(out.last).toBe('RESULT: bundle INVALID — see above.');
  });

  it('neutralises a control character in a validly signed manifest’s missing file name', async () => {
    // The manifest schema refuses control characters, so the signed manifest below is
    // "unreadable"; the listing of files must still be escaped wherever it comes from.
    const out = await verify(buildZip(bundleParts({ path: 'originals/\u202eexe.jpg' })), 'fr');
    expect(out.code).toBe(1);
    expect(out.stdout).not.toContain('\u202e');
    expect(out.last).toBe('RÉSULTAT : dossier INVALIDE — voir ci-dessus.');
  });
});

describe('the server’s ZIP intake applies the same rules', () => {
  it('refuses the same crafted archives as the verifier, before any other library reads them', async () => {
    const refusals: string[] = [];
    for (const parts of [
      [{ name: 'a.xml', data: Buffer.from('1') }, { name: 'a.xml', data: Buffer.from('2') }],
      [{ name: 'a.xml', data: Buffer.from('1') }, { name: 'b.xml', data: Buffer.from('2'), hidden: true }],
      [{ name: 'xl/../../x', data: Buffer.from('1') }],
      [{ name: 'big.xml', data: Buffer.alloc(4 * 2 ** 20), deflate: true, declaredSize: 10 }],
    ] satisfies Part[][]) {
      const err = await inspectZip(buildZip(parts), XLSX_ZIP_LIMITS).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ZipRefusal);
      refusals.push((err as ZipRefusal).reason);
    }
    expect(refusals).toEqual(['duplicate_name', 'hidden_data', 'unsafe_name', 'size_mismatch']);
  });

  it('refuses too many entries and too much declared content before inflating anything', async () => {
    const many = Array.from({ length: XLSX_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from('x') }));
    await expect(inspectZip(buildZip(many), XLSX_ZIP_LIMITS)).rejects.toMatchObject({ reason: 'too_many_entries' });
    const small = { ...XLSX_ZIP_LIMITS, maxTotalBytes: 1000 };
    await expect(inspectZip(buildZip([{ name: 'a.xml', data: Buffer.alloc(600) }, { name: 'b.xml', data: Buffer.alloc(600) }]), small)).rejects.toMatchObject({ reason: 'too_large' });
  });
});
