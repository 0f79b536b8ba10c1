import pg from 'pg';
import { adminQuery, databaseUrl, startServer } from './lib/server.js';
import { percentile, round } from './lib/stats.js';
import { startSmtpSink } from '../apps/server/test/smtp-sink.js';
import { DEFAULT_MAIL_RATE_PER_SECOND } from '../apps/server/src/config.js';

/**
 * The communication desk (issue 13), on PostgreSQL through the HTTP API as the desk uses it:
 * contact search across `contacts` people and organisations (default 50,000; name fragments,
 * an e-mail domain, role and tag filters, no match; 200 a page, the web's page), and a mailing to
 * a list of `recipients` (default 5,000) queued — the request that computes who may be mailed,
 * writes one delivery per recipient and one background job each, in one transaction — then
 * delivered: the server's pipeline sends each mail to a real SMTP server on loopback (the sink the
 * tests use, in this process) at the server's default MAIL_RATE_PER_SECOND, or at BENCH_MAIL_RATE if
 * set, over its default pool of SMTP connections.
 * Targets: search under 50 ms, the mailing queued under 2 s and delivered within 2 minutes.
 */
const DB = 'vigie_bench_contacts';
const FIRST = ['Camille', 'Alex', 'Sam', 'Louise', 'Hugo', 'Inès', 'Nora', 'Jules', 'Léa', 'Karim', 'Yasmine', 'Paul', 'Emma', 'Omar', 'Chloé', 'Lucas'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Durand', 'Lefebvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont'];
const DOMAINS = ['lavoixdunord.example', 'liberation.example', 'radio.example', 'asso.example', 'univ-lille.example', 'gmail.example', 'prefecture.example', 'bbc.example'];
const SEARCHES = ['q=martin', 'q=cam', 'q=radio.example', 'q=dup', 'role=journalist', 'tag=presse', 'role=researcher&q=lille', 'q=zzz-introuvable', 'q=Léa%20Moreau'];

export async function measureContacts(options: { contacts: number; recipients: number; rounds: number }) {
  await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB}`);
  const sink = await startSmtpSink();
  const mailRate = Number(process.env.BENCH_MAIL_RATE ?? DEFAULT_MAIL_RATE_PER_SECOND);
  process.env.BENCH_SMTP_URL = sink.url;
  const server = await startServer({ backend: 'postgres', database: DB, keep: process.env.BENCH_KEEP_CONTACTS === '1' });
  const db = new pg.Client({ connectionString: databaseUrl(DB) });
  await db.connect();
  try {
    const org = server.organisationId;
    const started = performance.now();
    await db.query(`
      INSERT INTO contacts (organisation_id, kind, display_name, job_title, beat, languages, roles, tags)
      SELECT $1, CASE WHEN g % 20 = 0 THEN 'organisation' ELSE 'person' END,
        CASE WHEN g % 20 = 0 THEN 'Organisation ' || g ELSE ($2::text[])[1 + g % ${FIRST.length}] || ' ' || ($3::text[])[1 + (g / 7) % ${LAST.length}] || ' ' || g END,
        CASE WHEN g % 3 = 0 THEN 'Reporter' END, CASE WHEN g % 3 = 0 THEN 'migrations, Calais' END,
        CASE WHEN g % 4 = 0 THEN ARRAY['fr','en'] ELSE ARRAY['fr'] END,
        ARRAY[(ARRAY['journalist','partner','authority','researcher','funder','member','donor','volunteer'])[1 + g % 8]],
        CASE WHEN g % 5 = 0 THEN ARRAY['presse'] WHEN g % 5 = 1 THEN ARRAY['nord','benevoles'] ELSE ARRAY[]::text[] END
      FROM generate_series(1, $4::int) g`, [org, FIRST, LAST, options.contacts]);
    await db.query(`
      INSERT INTO contact_channels (organisation_id, contact_id, kind, value, normalised)
      SELECT c.organisation_id, c.id, 'email', e, lower(e) FROM (
        SELECT c.*, lower(replace(c.display_name, ' ', '.')) || '@' || ($2::text[])[1 + abs(hashtext(c.id::text)) % ${DOMAINS.length}] AS e
        FROM contacts c WHERE c.organisation_id = $1) c`, [org, DOMAINS]);
    await db.query(`
      INSERT INTO contact_channels (organisation_id, contact_id, kind, value, normalised)
      SELECT organisation_id, id, 'phone', '06' || lpad(n::text, 8, '0'), '+336' || lpad(n::text, 8, '0')
      FROM (SELECT organisation_id, id, row_number() OVER (ORDER BY id) AS n FROM contacts WHERE organisation_id = $1 AND kind = 'person') c
      WHERE n % 2 = 0`, [org]);
    await db.query('ANALYZE contacts; ANALYZE contact_channels');
    const generatedSeconds = round((performance.now() - started) / 1000);

    const comms = await server.signIn('comms');
    const times: number[] = [];
    const perSearch = new Map<string, number[]>();
    for (let r = 0; r < options.rounds + 1; r += 1) {
      for (const s of SEARCHES) {
        const t0 = performance.now();
        const res = await comms.get(`/api/contacts?${s}`);
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`search ${s}: ${res.status} ${res.body.toString()}`);
        if (r === 0) continue; // the first round warms the caches
        times.push(ms);
        perSearch.set(s, [...(perSearch.get(s) ?? []), ms]);
      }
    }
    for (const [s, ts] of perSearch) console.log(`  contacts?${s}: p50 ${round(percentile(ts, 50))} ms`);

    const list = await comms.post('/api/contact-lists', { name: 'Bench press list', kind: 'static', legalBasis: 'legitimate_interest' });
    if (list.status !== 201) throw new Error(`list: ${list.status} ${list.body.toString()}`);
    const listId = list.json().list.id as string;
    await db.query(`
      INSERT INTO contact_list_members (organisation_id, list_id, contact_id)
      SELECT organisation_id, $2, id FROM contacts WHERE organisation_id = $1 ORDER BY id LIMIT $3`, [org, listId, options.recipients]);
    const t0 = performance.now();
    const sent = await comms.post(`/api/contact-lists/${listId}/mailings`, { subject: 'Communiqué : bench', bodyText: 'Bonjour,\n\nTexte du communiqué.\n' });
    const queueMs = round(performance.now() - t0);
    if (sent.status !== 201) throw new Error(`mailing: ${sent.status} ${sent.body.toString().slice(0, 300)}`);
    const queued = sent.json().mailing.total as number;
    comms.close();
    // Delivered: every recipient's mail received by the sink (one message each), then the statuses checked.
    // BENCH_DELIVERY=0: queue only (a before/after comparison of the search needs no delivery).
    const deadline = process.env.BENCH_DELIVERY === '0' ? 0 : Date.now() + 15 * 60_000;
    while (sink.mails.length < queued && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const deliveredMs = round(performance.now() - t0);
    const statuses = await db.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM mail_deliveries WHERE mailing_id = $1 GROUP BY status`, [sent.json().mailing.id]);
    const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)]));
    console.log(`  mailing: ${sink.mails.length} of ${queued} received by the SMTP sink in ${deliveredMs} ms at ${mailRate}/s; statuses ${JSON.stringify(byStatus)}`);
    return {
      contacts: options.contacts, searches: times.length, searchP50: round(percentile(times, 50)), searchP95: round(percentile(times, 95)),
      searchMax: round(Math.max(...times)), recipients: queued, mailingQueueMs: queueMs, generatedSeconds,
      mailRatePerSecond: mailRate, received: sink.mails.length, mailingDeliveredMs: deliveredMs,
    };
  } finally {
    await db.end();
    await server.stop();
    await sink.close();
    delete process.env.BENCH_SMTP_URL;
  }
}
