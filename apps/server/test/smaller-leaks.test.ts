import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/** HSTS on an https deployment, the origin check against PUBLIC_URL, secret links never stored in clear. */
let t: TestVigie;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestVigie({ PUBLIC_URL: 'https://vigie.hro.example' });
  admin = await t.setUpAdmin();
});
afterAll(async () => { await t?.close(); });

describe(`smaller leaks (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('sends HSTS when the public address is https', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('compares Origin with PUBLIC_URL, not with the Host header the request chose', async () => {
    const forged = await t.vigie.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'admin@hro.example', password: 'x' }),
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('request.csrf_failed');
    const ours = await t.vigie.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { origin: 'https://vigie.hro.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'admin@hro.example', password: 'wrong password here' }),
    });
    expect(ours.statusCode).toBe(401);
  });

  it('stores invitation and reset tokens only as hashes, the link sealed in the pipeline until sent', async () => {
    const created = await admin.post('/api/invitations', { email: 'new.volunteer@hro.example', role: 'volunteer' });
    expect(created.statusCode).toBe(201);
    const token = new URL(created.json().link).searchParams.get('token')!;
    expect((await t.client().post('/api/auth/password-reset/request', { email: 'admin@hro.example' })).statusCode).toBe(202);
    const mail = await t.smtp.waitFor('new.volunteer@hro.example');
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(token.slice(0, 20));
    await t.smtp.waitFor('admin@hro.example');
    // Nowhere in the database, jobs included, is the token in clear.
    const { rows } = await sql<{ data: string }>`SELECT data::text AS data FROM pgboss.job`.execute(t.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.data).not.toContain(token);
      expect(r.data).not.toContain('token=');
    }
    const invitations = await sql<{ row: string }>`SELECT row_to_json(i)::text AS row FROM invitations i`.execute(t.db);
    expect(invitations.rows.some((r) => r.row.includes(token))).toBe(false);
    // Both left through the one pipeline, as account mail with a status; once sent, the sealed link is gone too.
    let mailings: Array<{ purpose: string; status: string; row: string; sealed: string | null }> = [];
    for (let i = 0; i < 40; i++) {
      mailings = (await sql<{ purpose: string; status: string; row: string; sealed: string | null }>`SELECT m.purpose, d.status, m.sealed_secret AS sealed,
        row_to_json(m)::text || row_to_json(d)::text AS row FROM mailings m JOIN mail_deliveries d ON d.mailing_id = m.id
        WHERE lower(d.address) IN ('new.volunteer@hro.example', 'admin@hro.example')`.execute(t.db)).rows;
      if (mailings.length === 2 && mailings.every((m) => m.sealed === null)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(mailings.map((m) => [m.purpose, m.status])).toEqual([['account', 'sent'], ['account', 'sent']]);
    for (const m of mailings) {
      expect(m.sealed).toBeNull();
      expect(m.row).not.toContain(token);
      expect(m.row).not.toContain('token=');
    }
  });
});
