import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * A process remembers a session for a few seconds (platform/auth/session-cache.ts), so that a
 * phone's burst of submissions does not look its session up each time. What must not change:
 * signing out, losing a role or being deactivated takes effect on the very next request here.
 */
describe('remembered sessions', () => {
  let t: TestVigie;
  let admin: TestClient;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestVigie({ SESSION_CACHE_SECONDS: '5' });
    admin = await t.setUpAdmin();
    orgId = admin.user.organisationId;
  });
  afterAll(async () => t?.close());

  it('ends a session at sign-out, even one just remembered', async () => {
    const observer = await t.userWithRole(orgId, 'observer');
    expect((await observer.get('/api/auth/me')).statusCode).toBe(200);
    expect((await observer.get('/api/auth/me')).statusCode).toBe(200);
    expect((await observer.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await observer.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('signs a person out at once when their role changes or they are deactivated', async () => {
    const observer = await t.userWithRole(orgId, 'observer');
    expect((await observer.get('/api/auth/me')).json().user.role).toBe('observer');
    expect((await admin.patch(`/api/users/${observer.user.id}`, { role: 'comms' })).statusCode).toBe(200);
    expect((await observer.get('/api/auth/me')).statusCode).toBe(401);

    const other = await t.userWithRole(orgId, 'observer');
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${other.user.id}`, { active: false })).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('shows a change written by any statement of this process on the next request (a new language)', async () => {
    const observer = await t.userWithRole(orgId, 'observer');
    expect((await observer.get('/api/auth/me')).json().user.locale).toBe('fr');
    await sql`UPDATE users SET locale = 'en' WHERE id = ${observer.user.id}`.execute(t.db);
    expect((await observer.get('/api/auth/me')).json().user.locale).toBe('en');
  });
});
