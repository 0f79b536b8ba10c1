import type { HttpClient } from './lib/http.js';
import { round } from './lib/stats.js';

/**
 * A research release over the whole generated dataset (every eviction, 2017 → 2026), coarsened
 * to commune × ISO week with k = 5 and secondary suppression: the time from the request to the
 * frozen release (CSV, XLSX, data package, codebook, README, signed manifest) being stored, as
 * the communication lead waits for it. Target: 60 s on 2 cores for 1,000,000 evictions.
 */
export async function measureResearchRelease(comms: HttpClient) {
  const stamp = Date.now();
  const agreement = await comms.post('/api/research/agreements', {
    recipientName: 'Bench Researcher', recipientEmail: `bench-${stamp}@univ.example`, institution: 'Université (bench)',
    purpose: 'Mesure du temps de génération d’une diffusion', startsOn: '2026-01-01', endsOn: '2027-12-31',
    finestDate: 'isoWeek', finestPlace: 'commune', measures: ['evictions', 'personsEvicted'],
  });
  if (agreement.status !== 201) throw new Error(`agreement answered ${agreement.status}: ${agreement.body.toString().slice(0, 300)}`);
  const profile = await comms.post('/api/research/profiles', {
    name: `bench commune × week ${stamp}`, dateLevel: 'isoWeek', placeLevel: 'commune', measures: ['evictions', 'personsEvicted'],
  });
  if (profile.status !== 201) throw new Error(`profile answered ${profile.status}: ${profile.body.toString().slice(0, 300)}`);
  const started = performance.now();
  const requested = await comms.post(`/api/research/agreements/${agreement.json().agreement.id}/releases`, {
    profileId: profile.json().profile.id, from: '2017-01-01', to: '2026-11-30',
  });
  if (requested.status !== 202) throw new Error(`release answered ${requested.status}: ${requested.body.toString().slice(0, 300)}`);
  const id = requested.json().release.id as string;
  for (;;) {
    const r = (await comms.get(`/api/research/releases/${id}`)).json<{ release: { status: string; files?: Array<{ name: string; bytes?: number }> } }>().release;
    if (r.status === 'done') return { seconds: round((performance.now() - started) / 1000, 2), status: r.status, files: r.files?.length ?? null };
    if (r.status === 'refused' || r.status === 'failed') throw new Error(`release ${r.status}: ${JSON.stringify(r).slice(0, 400)}`);
    if (performance.now() - started > 600_000) throw new Error('release not done after 10 minutes');
    await new Promise((ok) => setTimeout(ok, 250));
  }
}
