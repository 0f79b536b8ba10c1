import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, canReadRecords, ROLES, type Role } from '@vigie/domain';
import type { RouteAccessEntry } from '../src/app.js';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

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
/**
 * People holding several roles, as a small association has them: the communication lead who also
 * observes, the field lead who also handles finances (board), a researcher volunteering, a lawyer
 * who also writes for the communication pole. Their rights must be exactly the union.
 */
const COMBINATIONS: Role[][] = [['comms', 'observer'], ['observer', 'board'], ['researcher', 'volunteer'], ['legal', 'comms', 'observer']];
const combined = new Map<string, TestClient>();

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const organisationId: string = admin.user.organisationId;
  for (const role of ROLES) users.set(role, await t.userWithRole(organisationId, role));
  for (const roles of COMBINATIONS) combined.set(roles.join('+'), await userWithRoles(organisationId, roles));
  routes = t.vigie.app.routeAccess;
});
afterAll(async () => { await t?.close(); });

async function userWithRoles(organisationId: string, roles: Role[]) {
  const email = `${roles.join('-')}@hro.example`;
  await t.userWithRole(organisationId, roles[0]!, email);
  await t.db.updateTable('users').set({ additional_roles: roles.slice(1) }).where('email', '=', email).execute();
  // Sign in again so the session reflects the full role set, as it would after an administrator's change.
  const c = t.client();
  const res = await c.post('/api/auth/login', { email, password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return c;
}

const key = (r: RouteAccessEntry) => `${r.method} ${r.url}`;

function call(c: TestClient, r: RouteAccessEntry) {
  const url = r.url.replace(/:[A-Za-z_]+/g, () => randomUUID());
  return c.request(r.method, url, r.method === 'GET' ? undefined : {});
}

type Expectation = 'unauthenticated' | 'forbidden' | 'aggregates-only' | 'allowed';

/** What the declaration and the permission table say this caller must get. Unknown kinds fail. */
function expected(r: RouteAccessEntry, role: Role | Role[] | null): Expectation {
  const access = r.access;
  switch (access.kind) {
    case 'public': return 'allowed';
    case 'signed-in': return role ? 'allowed' : 'unauthenticated';
    case 'permission':
      if (!role) return 'unauthenticated';
      if (!can(role, access.permission)) return 'forbidden';
      return access.rowLevel && !canReadRecords(role) ? 'aggregates-only' : 'allowed';
    case 'anyPermission':
      if (!role) return 'unauthenticated';
      return access.permissions.some((p) => can(role, p)) ? 'allowed' : 'forbidden';
    default:
      throw new Error(`${key(r)}: access kind ${JSON.stringify(access)} is not handled by the authorization test`);
  }
}

/** Returns a description of what went wrong, or null. */
async function check(c: TestClient, r: RouteAccessEntry, role: Role | Role[] | null): Promise<string | null> {
  const want = expected(r, role);
  const res = await call(c, r);
  const code = (() => { try { return res.json().code as string | undefined; } catch { return undefined; } })();
  const got = `${res.statusCode}${code ? ` ${code}` : ''}`;
  const who = role === null ? 'anonymous' : [role].flat().join('+');
  if (res.statusCode >= 500) return `${who} ${key(r)}: server error ${got} — ${res.body.slice(0, 200)}`;
  if (want === 'unauthenticated' && (res.statusCode !== 401 || code !== 'auth.unauthenticated')) {
    return `${who} ${key(r)}: expected 401 auth.unauthenticated, got ${got}`;
  }
  if (want === 'forbidden' && (res.statusCode !== 403 || code !== 'auth.forbidden')) {
    return `${who} ${key(r)}: expected 403 auth.forbidden, got ${got}`;
  }
  if (want === 'aggregates-only' && (res.statusCode !== 403 || code !== 'auth.aggregates_only')) {
    return `${who} ${key(r)}: expected 403 auth.aggregates_only (row-level route), got ${got}`;
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

  it.each(COMBINATIONS.map((roles) => [roles.join('+'), roles] as const))('gives %s exactly the union of those roles', async (name, roles) => {
    const c = combined.get(name)!;
    expect(c.user.roles).toEqual(roles);
    const problems: string[] = [];
    for (const r of routes.filter((x) => key(x) !== LOGOUT)) {
      const p = await check(c, r, [...roles]);
      if (p) problems.push(p);
    }
    expect(problems).toEqual([]);
    // For each of its roles, the combination opens some route that role alone does not: otherwise
    // the walk would not tell a union from "the primary role only".
    for (const role of roles) {
      const beyond = routes.filter((r) => r.access.kind === 'permission' && expected(r, [...roles]) === 'allowed' && expected(r, role) !== 'allowed');
      expect(beyond.length, `${name} opens nothing beyond ${role}`).toBeGreaterThan(0);
    }
  });

  it('marks every row-level route (drill-down, exports, record pages) and refuses it to roles without field access', () => {
    const rowLevel = routes.filter((r) => r.access.kind === 'permission' && r.access.rowLevel).map(key);
    for (const k of ['GET /api/statistics/evictions', 'GET /api/exports/evictions.csv', 'GET /api/exports/evictions.xlsx', 'GET /api/sites', 'GET /api/sites/:id']) {
      expect(rowLevel).toContain(k);
    }
    // Researchers reach none of them, whatever permission the route asks for.
    for (const r of routes.filter((x) => x.access.kind === 'permission' && x.access.rowLevel)) {
      expect(expected(r, 'researcher'), key(r)).not.toBe('allowed');
    }
    expect(ROLES.filter((role) => !canReadRecords(role))).toEqual(expect.arrayContaining(['researcher', 'board', 'volunteer']));
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
