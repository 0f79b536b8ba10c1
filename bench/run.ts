import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureBundle } from './bundle-size.js';
import { measureIngest } from './ingest.js';

/**
 * `npm run bench`: each figure is the median of RUNS runs; results go to bench/results/latest.json.
 * BENCH_QUICK=1 makes every run smaller (for a smoke check, not for reporting).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const quick = process.env.BENCH_QUICK === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function medianOf<T extends Record<string, unknown>>(runs: number, once: () => Promise<T>, keys: Array<keyof T>): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await once());
  const out = { ...results[0]! } as Record<string, unknown>;
  for (const k of keys) out[k as string] = median(results.map((r) => r[k] as number));
  return out as T;
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version };
console.log('machine', machine);

execSync('npm run build --workspace @vigie/web --silent', { stdio: 'ignore' });
const bundle = measureBundle('apps/web/dist');
console.log(`capture JS (whole app, gzipped): ${bundle.totalGzipKB} KB (target ≤ 80 KB)`);

const ingest = [];
for (const backend of ['postgres', 'pglite'] as const) {
  for (const concurrency of [1, 8, 32]) {
    const requests = quick ? 50 : 1000;
    const r = await medianOf(quick ? 1 : RUNS, () => measureIngest({ backend, concurrency, requests }), ['perSecond', 'p50', 'p95', 'p99']);
    console.log(`ingest text-only ${backend} c=${concurrency}: ${r.perSecond}/s p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms (${r.failures} failures)`);
    ingest.push(r);
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), machine, runs: RUNS, bundle, ingest }, null, 2));
console.log('written bench/results/latest.json');
