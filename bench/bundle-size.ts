import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped JavaScript shipped by the web app. The target is the capture screens': what a phone
 * loads to record an eviction — the entry chunk and everything it imports, plus the field app's
 * lazy chunk with everything it imports, statically or lazily (sync, photo upload). Vite's
 * manifest says which chunks those are. The whole app (every screen of every pole) is reported
 * beside it.
 */
type ManifestEntry = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
const CAPTURE_SCREEN = 'src/features/field/capture/FieldApp.tsx';

const gzipOf = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

export function measureBundle(dist: string) {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const chunks = files.map((f) => ({ file: f, gzip: gzipOf(join(assets, f)) })).sort((a, b) => b.gzip - a.gzip);
  const wholeKB = +(chunks.reduce((s, f) => s + f.gzip, 0) / 1024).toFixed(1);

  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the web app first (build.manifest is on in vite.config.ts)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
  const capture = new Set<string>();
  const visit = (key: string, followLazy: boolean) => {
    const entry = manifest[key];
    if (!entry || capture.has(entry.file)) return;
    capture.add(entry.file);
    for (const i of entry.imports ?? []) visit(i, followLazy);
    if (followLazy) for (const i of entry.dynamicImports ?? []) visit(i, true);
  };
  for (const [key, entry] of Object.entries(manifest)) if (entry.isEntry && entry.file.endsWith('.js')) visit(key, false);
  visit(CAPTURE_SCREEN, true);
  const captureChunks = [...capture].filter((f) => f.endsWith('.js'));
  const captureKB = +(captureChunks.reduce((s, f) => s + gzipOf(join(dist, f)), 0) / 1024).toFixed(1);
  return { captureGzipKB: captureKB, captureChunks, wholeAppGzipKB: wholeKB, chunks };
}
