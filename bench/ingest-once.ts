import { measureIngest } from './ingest.js';

/**
 * One ingest measurement, for profiling and before/after comparisons:
 * `npx tsx bench/ingest-once.ts <postgres|pglite> <concurrency> <requests> [photo]`.
 * PROF=<dir> writes a CPU profile of the server process; BENCH_SERVER_ROOT=<checkout> measures another copy of the code.
 */
const [backend, concurrency, requests, photo] = process.argv.slice(2);
if (backend !== 'postgres' && backend !== 'pglite') throw new Error('usage: ingest-once.ts <postgres|pglite> <concurrency> <requests> [photo]');
console.log(JSON.stringify(await measureIngest({
  backend, concurrency: Number(concurrency ?? 8), requests: Number(requests ?? 1000), photo: photo === 'photo', profileDir: process.env.PROF,
})));
