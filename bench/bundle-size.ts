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
type ManifestEntry = { file: string; name?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
const CAPTURE_SCREEN = 'src/features/field/capture/FieldApp.tsx';
/**
 * The round and testimony screens (issue 16): a lazy chunk of the field app loaded only when one
 * of them is opened, never to record an eviction. Measured on its own, beside the target.
 */
const ROUND_TESTIMONY_SCREENS = 'src/features/field/capture/offline-records/screens.ts';

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
  const visit = (key: string, followLazy: boolean, into = capture) => {
    const entry = manifest[key];
    if (!entry || into.has(entry.file)) return;
    into.add(entry.file);
    for (const i of entry.imports ?? []) visit(i, followLazy, into);
    if (followLazy) for (const i of entry.dynamicImports ?? []) if (i !== ROUND_TESTIMONY_SCREENS) visit(i, true, into);
  };
  for (const [key, entry] of Object.entries(manifest)) if (entry.isEntry && entry.file.endsWith('.js')) visit(key, false);
  // When a lazy chunk of the field app imports from it, Rollup files the field app as a shared
  // chunk (`_FieldApp-<hash>.js`) rather than under its source path: found by its name then.
  const captureKey = manifest[CAPTURE_SCREEN] ? CAPTURE_SCREEN : Object.keys(manifest).find((k) => manifest[k]!.isDynamicEntry && manifest[k]!.name === 'FieldApp');
  if (!captureKey) throw new Error(`${CAPTURE_SCREEN} is not in the manifest`);
  visit(captureKey, true);
  const captureChunks = [...capture].filter((f) => f.endsWith('.js'));
  const captureKB = +(captureChunks.reduce((s, f) => s + gzipOf(join(dist, f)), 0) / 1024).toFixed(1);
  // What opening a round or a testimony adds on top of the capture screens.
  const extra = new Set<string>(capture);
  visit(ROUND_TESTIMONY_SCREENS, true, extra);
  const roundTestimonyChunks = [...extra].filter((f) => f.endsWith('.js') && !capture.has(f));
  const roundTestimonyGzipKB = +(roundTestimonyChunks.reduce((s, f) => s + gzipOf(join(dist, f)), 0) / 1024).toFixed(1);
  return { captureGzipKB: captureKB, captureChunks, roundTestimonyGzipKB, roundTestimonyChunks, wholeAppGzipKB: wholeKB, chunks };
}
