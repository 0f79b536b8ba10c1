import type { HttpClient } from './lib/http.js';
import { median, round } from './lib/stats.js';

/**
 * A monthly bulletin (October 2026, Calaisis) on the generated dataset: time to create the
 * draft (figures computed), then to export it as HTML and as PDF, each the median of `repeats`.
 */
export async function measureBulletin(client: HttpClient, repeats: number) {
  const areas = (await client.get('/api/bulletins')).json<{ areas: Array<{ id: string; code: string }> }>().areas;
  const areaId = areas.find((a) => a.code === 'calaisis')?.id ?? areas[0]!.id;
  const t0 = performance.now();
  const created = await client.post('/api/bulletins', { areaId, month: '2026-10' });
  const createMs = performance.now() - t0;
  if (created.status !== 201 && created.status !== 200) throw new Error(`bulletin creation answered ${created.status}: ${created.body.toString().slice(0, 300)}`);
  const id = created.json().bulletin.id as string;
  const time = async (format: 'html' | 'pdf') => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < repeats; i += 1) {
      const s = performance.now();
      const res = await client.get(`/api/bulletins/${id}/export?format=${format}&locale=fr`);
      times.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`bulletin ${format} answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
      bytes = res.body.length;
    }
    return { ms: round(median(times)), bytes };
  };
  return { createMs: round(createMs), html: await time('html'), pdf: await time('pdf') };
}
