import type { HttpClient } from './lib/http.js';
import { round } from './lib/stats.js';

/**
 * The annual report pack for 2025 on the generated dataset: time from the request to the
 * finished job (figures, a dozen charts as SVG and PNG, the XLSX workbook, the PDF and the ZIP),
 * and the size of each file. The job runs in the background; this polls its progress.
 */
export async function measureAnnualReport(client: HttpClient) {
  const t0 = performance.now();
  const asked = await client.post('/api/reports/annual', { year: 2025, yearKind: 'calendar', locale: 'fr' });
  if (asked.status !== 202) throw new Error(`annual report answered ${asked.status}: ${asked.body.toString().slice(0, 300)}`);
  const id = asked.json<{ id: string }>().id;
  for (;;) {
    const job = (await client.get(`/api/reports/${id}`)).json<{ status: string; files: Array<{ kind: string; size: number }> }>();
    if (job.status === 'failed') throw new Error('annual report job failed');
    if (job.status === 'done') {
      return { ms: round(performance.now() - t0), files: Object.fromEntries(job.files.map((f) => [f.kind, f.size])) };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
