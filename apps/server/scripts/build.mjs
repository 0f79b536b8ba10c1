#!/usr/bin/env node
// Compiles the server for production (docs/adr/0010-compiled-server.md): esbuild bundles our own
// TypeScript — apps/server/src and the workspace package @vigie/domain — into plain ES modules in
// apps/server/dist/, and leaves every package of node_modules external, so that PGlite's wasm and
// data files, argon2's and sharp's native addons, Typst's fonts, pg-boss's SQL and Etalab's
// commune list load from their own folders exactly as in development.
//
//   node apps/server/scripts/build.mjs             build now
//   node apps/server/scripts/build.mjs --if-stale  build only if a source changed since the last build
//   VIGIE_BUILD_META=/tmp/meta.json …               also write esbuild's metafile (what each output imports)
//
// dist/ sits at the same depth as src/ (apps/server/<dir>/), so the paths that src/config.ts
// derives from import.meta.url (the repository root, hence migrations/, data/, apps/web/dist)
// are the same in both.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = resolve(SERVER, 'dist');
const REPO_ROOT = resolve(SERVER, '../..');
/** Written last: its presence means a complete build, its list the files that went into it. */
const STAMP = resolve(DIST, 'build-inputs.json');
/**
 * Packages stay in node_modules, loaded by Node as they are, except our workspace packages
 * (TypeScript sources) and date-fns: imported whole, date-fns is some 250 modules and 18 MiB of
 * an idle server; bundled, only the few functions we call remain. Both are plain functions with
 * no files of their own to find at run time.
 */
const BUNDLED = /^(@vigie\/|date-fns(\/|$)|@date-fns\/tz(\/|$))/;
const ENTRIES = { main: 'src/main.ts', 'audit-verify': 'src/cli/audit-verify.ts', vigie: 'src/cli/vigie.ts' };

/** True when there is no complete build, or when a file that went into it (or this script) is newer. */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  let stamp;
  try { stamp = JSON.parse(readFileSync(STAMP, 'utf8')); } catch { return true; }
  const builtAt = statSync(STAMP).mtimeMs;
  // A new source file is only reached through an import added to a file already listed, whose
  // modification time then changes: the list of the last build's inputs is enough.
  for (const file of [fileURLToPath(import.meta.url), ...stamp.inputs.map((f) => resolve(REPO_ROOT, f))]) {
    try { if (statSync(file).mtimeMs > builtAt) return true; } catch { return true; }
  }
  return false;
}

export async function build({ quiet = false } = {}) {
  const started = performance.now();
  const esbuild = await import('esbuild');
  // The stamp goes first and comes back last: an interrupted build is rebuilt next time. Files of
  // an earlier build are left in place: a server still running from them may yet import one of
  // its chunks (a lazily loaded feature), and they are overwritten or unused, never wrong.
  rmSync(STAMP, { force: true });
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, resolve(SERVER, path)])),
    outdir: DIST,
    bundle: true,
    splitting: true,
    // Chunks beside the entries: every file of dist/ is at the depth of src/'s (see above).
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Minified: V8 keeps every module's source text in memory for the life of the process (for
    // functions it compiles on first call), and the scope information of every function names
    // its variables; with short names and no blanks the idle server on PostgreSQL holds ≈ 7 MiB
    // less (131–133 → 124–127 MiB, docs/PERFORMANCE.md). Stack traces in the logs keep our function and
    // class names (keepNames); a position maps back to the source through the linked .map file.
    minify: true,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [{
      name: 'node-modules-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
      },
    }],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  if (process.env.VIGIE_BUILD_META) writeFileSync(process.env.VIGIE_BUILD_META, JSON.stringify(result.metafile));
  writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
  if (!quiet) console.log(`Vigie server compiled to ${DIST} (${inputs.length} files, ${Math.round(performance.now() - started)} ms)`);
}

/** Builds if needed; used by `npm start`, `npm run audit:verify` and the `vigie` command. */
export async function ensureBuilt(options) {
  if (isStale()) await build(options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale')) await ensureBuilt();
  else await build();
}
