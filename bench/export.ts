import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { BenchServer } from './lib/server.js';
import { round } from './lib/stats.js';

/**
 * The full CSV export (every status, whole period) streamed through the API: time to the last
 * byte, rows received, and the server process's resident memory sampled every 20 ms (peak,
 * and peak minus the memory it had just before the export).
 */
export async function measureExport(server: BenchServer, cookie: string) {
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 20);
  const started = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  let lines = 0;
  const status = await new Promise<number>((ok, fail) => {
    const req = request(`${server.url}/api/exports/evictions.csv?status=all`, { headers: { cookie } }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (!firstByteMs) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
      });
      res.on('end', () => ok(res.statusCode!));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
  clearInterval(sampler);
  peak = Math.max(peak, rss());
  return {
    status, seconds: round((performance.now() - started) / 1000, 2), firstByteMs: round(firstByteMs), rows: Math.max(0, lines - 1),
    megabytes: round(bytes / 2 ** 20), serverRssBeforeMiB: round(before), serverPeakRssMiB: round(peak), serverRssGrowthMiB: round(peak - before),
  };
}
