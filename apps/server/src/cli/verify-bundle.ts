import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BundleInputError, verifyBundle, type VerifyReport } from '../modules/legal/bundles/bundle-verifier.js';
import { MESSAGES, type Lang } from './verify-bundle.messages.js';
import { neutralise as n } from './terminal-text.js';

/**
 * Every untrusted value (from the manifest or the archive) goes through `n` (neutralise), and the
 * verdict is always the last line printed on standard output, also when the input is refused.
 * `npx vigie verify-bundle bundle.zip [--public-key key.pem] [--lang en]`.
 * Exit codes: 0 valid, 1 invalid (altered, added, removed, bad signature), 2 unreadable input.
 * Needs no server, database or configuration: a lawyer or an expert runs it on their machine.
 */
type Out = { log: (line: string) => void; error: (line: string) => void };

function print(report: VerifyReport, m: (typeof MESSAGES)[Lang], out: Out) {
  if (report.manifest) {
    const r = report.manifest;
    out.log(m.bundle(n(r.bundleId), n(r.createdAt), n(r.organisation), r.files));
  }
  out.log(report.keySource === 'given' ? m.keyGiven(report.keyFingerprint) : m.keyFromBundle(report.keyFingerprint));
  if (report.bundleKeyMatches === false) out.log(m.keyMismatch);
  out.log(report.signature === 'valid' ? m.sigValid : report.signature === 'invalid' ? m.sigInvalid : m.sigMissing);
  if (report.manifestProblem) out.log(report.manifestProblem === 'missing' ? m.manifestMissing : m.manifestUnreadable);
  for (const path of report.checked) out.log(m.ok(n(path)));
  for (const f of report.altered) { out.log(m.altered(n(f.path))); out.log(m.hashes(f.expectedSha256 ?? '', f.actualSha256 ?? '')); }
  for (const path of report.removed) out.log(m.removed(n(path)));
  for (const path of report.added) out.log(m.added(n(path)));
  out.log(report.valid ? m.valid : m.invalid);
}

function inputError(err: BundleInputError, m: (typeof MESSAGES)[Lang]): string {
  switch (err.reason) {
    case 'not_zip': return m.notZip;
    case 'damaged_zip': return m.damagedZip;
    case 'unsafe_zip': return m.unsafeZip(err.refusal ? m.zipReasons[err.refusal.reason] + (err.refusal.entryName === undefined ? '' : ` (${n(err.refusal.entryName)})`) : n(err.message));
    case 'bad_public_key': return m.badKey(n(err.message));
    case 'no_public_key': return m.noKey;
  }
}

export async function runVerifyBundle(args: string[], out: Out = { log: console.log, error: console.error }): Promise<number> {
  let lang: Lang = 'fr';
  try {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { 'public-key': { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.lang === 'en' || values.lang === 'fr') lang = values.lang;
    const m = MESSAGES[lang];
    if (values.help) { out.log(m.usage); return 0; }
    if (positionals.length !== 1 || (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'fr')) { out.error(m.usage); return 2; }
    const file = positionals[0]!;
    const read = (path: string, whole = true) => {
      try {
        if (!whole) { if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' }); return undefined; }
        return readFileSync(path);
      } catch (err) {
        throw new Error(m.cannotRead(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? m.notFound : String((err as Error).message)));
      }
    };
    read(file, false);
    const key = values['public-key'] === undefined ? undefined : read(values['public-key']);
    out.log(m.checking(n(file)));
    try {
      // The path, not the bytes: the archive is streamed from disk, whatever its size.
      const report = await verifyBundle(file, key);
      print(report, m, out);
      return report.valid ? 0 : 1;
    } catch (err) {
      if (err instanceof BundleInputError) { out.error(inputError(err, m)); out.log(m.unverifiable); return 2; }
      throw err;
    }
  } catch (err) {
    // Whatever the input, a readable sentence and exit code 2, never a stack trace.
    out.error(n(err instanceof Error && !(err instanceof TypeError && 'code' in err) ? err.message : MESSAGES[lang].usage));
    out.log(MESSAGES[lang].unverifiable);
    return 2;
  }
}
