import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendMembershipReminders } from '../src/modules/association/members/renewal-reminders.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * Renewal reminders: once enabled, a member whose membership ends within the chosen number of days
 * is mailed through the pipeline, once for that membership year; a member who already renewed,
 * one without an address, or one whose membership ended long ago is not.
 */
let t: TestVigie;
let treasurer: TestClient;
const today = parisDate(new Date());
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await startTestVigie({ MAIL_RATE_PER_SECOND: '200' });
  const admin = await t.setUpAdmin();
  treasurer = await t.userWithRole(admin.user.organisationId, 'coordinator');
}, 120_000);
afterAll(async () => { await t?.close(); });

async function member(fullName: string, email: string, years: number[]) {
  const m = await treasurer.post('/api/association/members', { fullName, email, joinedOn: `${year - 2}-01-15` });
  expect(m.statusCode, m.body).toBe(200);
  for (const y of years) {
    const ms = await treasurer.post(`/api/association/members/${m.json().id}/memberships`, { year: y, category: 'individual', amountCents: 2000, paidOn: today, method: 'cash' });
    expect(ms.statusCode, ms.body).toBe(200);
  }
}

describe('membership renewal reminders', () => {
  it('mail members whose membership ends within the window, once per membership year', async () => {
    await member('Ana Lefebvre', 'ana@example.org', [year]);
    await member('Ben Renouvelé', 'ben@example.org', [year, year + 1]);
    await member('Chloé Sans Adresse', '', [year]);
    await member('Dan Ancien', 'dan@example.org', [year - 1]);
    const deps = { db: t.db, queue: t.vigie.ctx.queue };
    const december = `${year}-12-10`;
    // Off until someone chooses it.
    expect(await sendMembershipReminders(deps, december)).toBe(0);
    const saved = await treasurer.put('/api/association/membership-reminders', { enabled: true, daysBefore: 30 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await treasurer.get('/api/association/membership-reminders')).json()).toEqual({ enabled: true, daysBefore: 30 });
    expect((await treasurer.put('/api/association/membership-reminders', { enabled: true, daysBefore: 0 })).statusCode).toBe(400);

    // 61 days before the end: too early.
    expect(await sendMembershipReminders(deps, `${year}-10-31`)).toBe(0);
    expect(await sendMembershipReminders(deps, december)).toBe(1);
    const mail = await t.smtp.waitFor('ana@example.org');
    expect(mailText(mail.raw)).toContain(`Votre adhésion ${year}`);
    expect(mailText(mail.raw)).toContain('31 décembre');
    // Once per period: the next mornings send nothing more.
    expect(await sendMembershipReminders(deps, `${year}-12-11`)).toBe(0);
    expect(await sendMembershipReminders(deps, `${year}-12-31`)).toBe(0);
    const deliveries = await t.db.selectFrom('mail_deliveries').select('address').execute();
    expect(deliveries.map((d) => d.address).sort()).toEqual(['ana@example.org']);
  });
});
