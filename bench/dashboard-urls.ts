/**
 * Chosen dashboard URLs over HTTP, as `npm run bench -- dashboard` calls them, against the
 * compiled server on the generated dataset; PROFILE_DIR=<dir> also writes the server's CPU profile
 * (node --cpu-prof) to see what a request spends outside the database.
 *
 *   URLS='breakdown?from=2026-10-01&to=2026-10-31&by=site' REPS=20 npx tsx bench/dashboard-urls.ts
 *
 * PAGE=1 asks every URL at once instead, as the dashboard's page does when it opens, and gives
 * the time until the last answer: what reads run side by side (DATABASE_PARALLEL_READS) cost
 * when a whole page competes for the same cores.
 */
import { datasetServer } from './dataset.js';

const server = await datasetServer(process.env.PROFILE_DIR);
try {
  const admin = await server.signIn('admin');
  const urls = (process.env.URLS ?? 'breakdown?from=2026-10-01&to=2026-10-31&by=site,breakdown?from=2025-01-01&to=2025-12-31&by=site').split(',');
  if (process.env.PAGE) {
    const ask = () => Promise.all(urls.map((url) => admin.get(`/api/statistics/${url}`)));
    await ask();
    const ts: number[] = [];
    for (let i = 0; i < Number(process.env.REPS ?? 10); i += 1) {
      const t0 = performance.now();
      const answers = await ask();
      ts.push(performance.now() - t0);
      for (const res of answers) if (res.status !== 200) console.error(`an answer was ${res.status}`);
    }
    ts.sort((a, b) => a - b);
    console.log(`${urls.length} URLs at once`.padEnd(64), 'p50', ts[Math.floor(ts.length / 2)]!.toFixed(1), 'max', ts[ts.length - 1]!.toFixed(1), 'ms');
  }
  for (const url of process.env.PAGE ? [] : urls) {
    await admin.get(`/api/statistics/${url}`);
    const ts: number[] = [];
    for (let i = 0; i < Number(process.env.REPS ?? 10); i += 1) {
      const t0 = performance.now();
      const res = await admin.get(`/api/statistics/${url}`);
      ts.push(performance.now() - t0);
      if (res.status !== 200) console.error(`${url} answered ${res.status}`);
    }
    ts.sort((a, b) => a - b);
    console.log(url.padEnd(64), 'p50', ts[Math.floor(ts.length / 2)]!.toFixed(1), 'max', ts[ts.length - 1]!.toFixed(1), 'ms');
  }
} finally {
  await server.stop();
}
