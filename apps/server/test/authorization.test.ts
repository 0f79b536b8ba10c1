import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Role } from '@vigie/domain';
import type { RouteAccessEntry } from '../src/app.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Walks every API route the server declares (app.routeAccess) with an anonymous caller and one
 * signed-in user per role, and checks the answer against the declared access and the
 * permission table. Inputs are dummies (random ids, empty bodies): a 400/404/409 is fine for a
 * caller who is allowed in, but a 401/403 is not, and a 5xx is never fine.
 */
const LOGOUT = 'POST /api/auth/logout';

let t: TestVigie;
let routes: RouteAccessEntry[];
const users = new Map<Role, TestClient>();

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const organisationId: string = admin.user.organisationId;
  for (const role of ROLES) users.set(role, await t.userWithRole(organisationId, role));
  routes = t.vigie.app.routeAccess;
});
afterAll(async () => { await t?.close(); });

const key = (r: RouteAccessEntry) => `${r.method} ${r.url}`;

function call(c: TestClient, r: RouteAccessEntry) {
  const url = r.url.replace(/:[A-Za-z_]+/g, () => randomUUID());
  return c.request(r.method, url, r.method === 'GET' ? undefined : {});
}

type Expectation = 'unauthenticated' | 'forbidden' | 'allowed';

/** What the declaration and the permission table say this caller must get. Unknown kinds fail. */
function expected(r: RouteAccessEntry, role: Role | null): Expectation {
  const access = r.access;
  switch (access.kind) {
    case 'public': return 'allowed';
    case 'signed-in': return role ? 'allowed' : 'unauthenticated';
    case 'permission':
      if (!role) return 'unauthenticated';
      return can(role, access.permission) ? 'allowed' : 'forbidden';
    case 'anyPermission':
      if (!role) return 'unauthenticated';
      return access.permissions.some((p) => can(role, p)) ? 'allowed' : 'forbidden';
    default:
      throw new Error(`${key(r)}: access kind ${JSON.stringify(access)} is not handled by the authorization test`);
  }
}

/** Returns a description of what went wrong, or null. */
async function check(c: TestClient, r: RouteAccessEntry, role: Role | null): Promise<string | null> {
  const want = expected(r, role);
  const res = await call(c, r);
  const code = (() => { try { return res.json().code as string | undefined; } catch { return undefined; } })();
  const got = `${res.statusCode}${code ? ` ${code}` : ''}`;
  const who = role ?? 'anonymous';
  if (res.statusCode >= 500) return `${who} ${key(r)}: server error ${got} — ${res.body.slice(0, 200)}`;
  if (want === 'unauthenticated' && (res.statusCode !== 401 || code !== 'auth.unauthenticated')) {
    return `${who} ${key(r)}: expected 401 auth.unauthenticated, got ${got}`;
  }
  if (want === 'forbidden' && (res.statusCode !== 403 || code !== 'auth.forbidden')) {
    return `${who} ${key(r)}: expected 403 auth.forbidden, got ${got}`;
  }
  if (want === 'allowed' && (res.statusCode === 401 || res.statusCode === 403)) {
    return `${who} ${key(r)}: expected to be let in, got ${got}`;
  }
  return null;
}

describe(`authorization of every route (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('knows a non-trivial set of routes, with every access kind', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(new Set(routes.map((r) => r.access.kind))).toEqual(new Set(['public', 'signed-in', 'permission', 'anyPermission']));
    expect(routes.map(key)).toContain(LOGOUT);
    // A duplicate would mean a route is walked twice and another possibly not at all.
    expect(new Set(routes.map(key)).size).toBe(routes.length);
  });

  it('refuses anonymous callers on every non-public route, and never fails with a 5xx', async () => {
    const problems: string[] = [];
    for (const r of routes) {
      const p = await check(t.client(), r, null);
      if (p) problems.push(p);
    }
    expect(problems).toEqual([]);
  });

  it.each(ROLES)('gives the %s role exactly what the permission table says', async (role) => {
    const c = users.get(role)!;
    const problems: string[] = [];
    for (const r of routes.filter((x) => key(x) !== LOGOUT)) {
      const p = await check(c, r, role);
      if (p) problems.push(p);
    }
    expect(problems).toEqual([]);
    // The walk must not have ended the session: otherwise later "allowed" checks proved nothing.
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('lets every role sign out (walked last, since it ends the session)', async () => {
    const logout = routes.find((r) => key(r) === LOGOUT)!;
    for (const role of ROLES) {
      const c = users.get(role)!;
      expect(await check(c, logout, role)).toBeNull();
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    }
  });

  it('marks real permission checks: someone is refused and someone is let in for each permission route', () => {
    for (const r of routes) {
      if (r.access.kind !== 'permission') continue;
      const holders = ROLES.filter((role) => expected(r, role) === 'allowed');
      expect(holders.length, `${key(r)} is held by nobody`).toBeGreaterThan(0);
      expect(holders.length, `${key(r)} is held by everybody`).toBeLessThan(ROLES.length);
    }
  });

  it('describes every route in the OpenAPI document, except the hidden ones', async () => {
    const spec = (await t.client().get('/api/openapi.json')).json();
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
    const missing = routes.filter((r) => !r.hiddenFromDocs && !documented.has(key(r))).map(key);
    expect(missing).toEqual([]);
    expect(routes.filter((r) => r.hiddenFromDocs).map(key)).toEqual(['GET /api/openapi.json']);
  });
});
