#!/usr/bin/env node
// `npm start`'s first step: builds the web app (Vite) only when something it is built from is
// newer than the last build, so that a restart takes seconds, not a Vite build (docs/adr/0010).
// Built from: apps/web (sources, public files, configuration), packages/domain and the lock file.
// A deleted file is always noticed through the file that imported it, which changed too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'apps/web/dist/index.html');
const SOURCES = ['apps/web', 'packages/domain', 'package-lock.json'].map((p) => join(ROOT, p));
const SKIP = new Set(['node_modules', 'dist', '.vite']);

function newerThan(path, time) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return false;
  if (!st.isDirectory()) return st.mtimeMs > time;
  if (st.mtimeMs > time) return true;
  return readdirSync(path).some((name) => !SKIP.has(name) && newerThan(join(path, name), time));
}

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : -1;
if (builtAt < 0 || SOURCES.some((p) => newerThan(p, builtAt))) {
  const r = spawnSync('npm', ['run', 'build', '--workspace', '@vigie/web'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
console.log('The web app is up to date (apps/web/dist).');
