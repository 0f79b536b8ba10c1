import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped JavaScript shipped by the web app. We report the whole app (every chunk a phone may
 * ever load) as the upper bound of what the capture screens need, so the target can only be
 * met honestly.
 */
export function measureBundle(dist: string) {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const sizes = files.map((f) => {
    const raw = readFileSync(join(assets, f));
    return { file: f, bytes: statSync(join(assets, f)).size, gzip: gzipSync(raw, { level: 9 }).length };
  });
  const total = sizes.reduce((s, f) => s + f.gzip, 0);
  return { totalGzipKB: +(total / 1024).toFixed(1), chunks: sizes.sort((a, b) => b.gzip - a.gzip) };
}
