import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { pollDueSources } from '../apps/server/src/modules/communication/monitoring/poll-sources.js';
import { adminQuery, databaseUrl } from './lib/server.js';
import { round } from './lib/stats.js';

/**
 * `npx tsx bench/monitoring-poll.ts` (or `npm run bench -- monitoring`): one polling run over
 * BENCH_SOURCES (default 200) RSS feeds of BENCH_ITEMS (default 50) new items each, served by a local HTTP server, through the
 * monitoring's own job (`pollDueSources`: fetch, parse, match the rules, read each matching
 * article and reduce it to its text, group into stories). Half the items match the desk's rule,
 * so half the articles are fetched. Target (issue 14): within 60 s on 2 cores.
 * Run alone, writes bench/results/monitoring-poll.json. BENCH_DB names the scratch database.
 */
const DB = process.env.BENCH_DB ?? 'vigie_bench_monitoring_poll';

const words = ['centre', 'accueil', 'hiver', 'froid', 'tentes', 'police', 'associations', 'tribunal', 'prefecture', 'distribution', 'repas', 'eau'];
const para = (seed: number) => Array.from({ length: 60 }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function feed(base: string, source: number, perSource: number) {
  const items = Array.from({ length: perSource }, (_, i) => {
    const n = source * perSource + i;
    // Every other item names Calais: the rule below keeps those.
    const title = i % 2 === 0 ? `Calais : expulsion du campement ${n}` : `Brève ${n} : météo et marées`;
    return `<item><title>${esc(title)}</title><link>${base}/articles/${n}</link><guid>${base}/articles/${n}</guid>
      <pubDate>${new Date(Date.now() - i * 60_000).toUTCString()}</pubDate><description>${esc(para(n).slice(0, 300))}</description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Journal ${source}</title><link>${base}</link>
    <description>Flux ${source}</description>${items}</channel></rss>`;
}
const article = (n: number) => `<!doctype html><html lang="fr"><head><title>Article ${n}</title></head><body><header>Menu</header>
  <article><h1>Calais : expulsion du campement ${n}</h1><p>${para(n)}</p><p>${para(n + 1)}</p><p>${para(n + 2)}</p></article><footer>Pied</footer></body></html>`;

export type MonitoringPollResult = { sources: number; itemsPerSource: number; polled: number; failed: number; clippings: number; seconds: number; at: string };

export async function measureMonitoringPoll({ sources, items }: { sources: number; items: number }): Promise<MonitoringPollResult> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const f = /^\/feeds\/(\d+)\.xml$/.exec(url);
    if (f) { res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }); res.end(feed(base, Number(f[1]), items)); return; }
    const a = /^\/articles\/(\d+)$/.exec(url);
    if (a) { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(article(Number(a[1]))); return; }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB}`);
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(DB) });
  try {
    await migrate(handle.pool);
    const org = (await sql<{ id: string }>`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`.execute(handle.db)).rows[0]!.id;
    await sql`INSERT INTO monitoring_rules (organisation_id, name, expression) VALUES (${org}, 'Calais', 'Calais')`.execute(handle.db);
    await sql`INSERT INTO monitoring_sources (organisation_id, name, url)
      SELECT ${org}, 'Source ' || g, 'http://127.0.0.1:' || ${String(port)} || '/feeds/' || g || '.xml' FROM generate_series(0, ${sources - 1}) g`.execute(handle.db);
    const started = performance.now();
    const results = await pollDueSources({ db: handle.db }, sources);
    const seconds = round((performance.now() - started) / 1000);
    const failed = results.filter((r) => r.status === 'failed');
    const clippings = results.reduce((n, r) => n + r.clippings, 0);
    if (failed[0]) console.error(`  monitoring poll: ${failed.length} sources failed (${failed[0].error})`);
    return { sources, itemsPerSource: items, polled: results.length, failed: failed.length, clippings, seconds, at: new Date().toISOString() };
  } finally {
    await handle.close();
    server.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureMonitoringPoll({ sources: Number(process.env.BENCH_SOURCES ?? 200), items: Number(process.env.BENCH_ITEMS ?? 50) });
  console.log(`monitoring poll of ${result.sources} sources × ${result.itemsPerSource} new items: ${result.seconds} s (target < 60 s), ${result.clippings} clippings, ${result.failed} failed`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/monitoring-poll.json', `${JSON.stringify(result, null, 2)}\n`);
}
