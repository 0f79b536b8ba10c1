import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, canChangeRecordOf, canReadRecords, mayConfirmGrant, ROLES, type Role } from '@vigie/domain';
import type { RouteAccessEntry } from '../src/app.js';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, reference, siteCommand } from './field-fixtures.js';

/**
 * Walks every API route the server declares (app.routeAccess) with an anonymous caller and one
 * signed-in user per role, and checks the answer against the declared access and the
 * permission table. Inputs are dummies (random ids, empty bodies): a 400/404/409 is fine for a
 * caller who is allowed in, but a 401/403 is not, and a 5xx is never fine.
 */
const LOGOUT = 'POST /api/auth/logout';

let t: TestVigie;
let admin: TestClient;
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
  admin = await t.setUpAdmin();
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

  /** Every role alone and every combination, with the client that holds it. */
  const everyone = () => [...ROLES.map((r) => [r, [r], users.get(r)!] as const), ...COMBINATIONS.map((c) => [c.join('+'), c, combined.get(c.join('+'))!] as const)];

  it('applies the author rule to every role: a site or a person someone else recorded changes only with the verifying permission', async () => {
    const author = await t.userWithRole(admin.user.organisationId, 'observer', 'author@hro.example');
    const { calaisisId } = await reference(author);
    const site = siteCommand(calaisisId, { code: 'WALK', name: 'Lieu de l’auteur' });
    const op = operationCommand(calaisisId);
    const ev = evictionCommand(op.record.id, site.record.id);
    const person = { id: randomUUID(), pseudonym: 'Personne W', minor: false };
    const incident = (evictionId: string, pseudonym: string) => ({
      commandId: randomUUID(), type: 'incident.save', baseVersion: null,
      record: { id: randomUUID(), evictionId, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(90), victims: [{ ...person, pseudonym }] },
    });
    const first = await author.post('/api/sync/push', { commands: [site, op, ev, incident(ev.record.id, person.pseudonym)] });
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const problems: string[] = [];
    for (const [name, roles, c] of everyone()) {
      const { version } = await t.db.selectFrom('sites').select('version').where('id', '=', site.record.id).executeTakeFirstOrThrow();
      const ownOp = operationCommand(calaisisId);
      const ownEv = evictionCommand(ownOp.record.id, site.record.id);
      const res = await c.post('/api/sync/push', { commands: [
        { ...site, commandId: randomUUID(), baseVersion: version, record: { ...site.record, name: `Renommé par ${name}` } },
        ownOp, ownEv, incident(ownEv.record.id, `Pseudo de ${name}`),
      ] });
      if (!can(roles, 'field.record')) {
        if (res.statusCode !== 403) problems.push(`${name}: expected the push refused (403), got ${res.statusCode}`);
        continue;
      }
      const may = canChangeRecordOf(roles, c.user.id, author.user.id);
      const got = res.json().results.map((r: { status: string; error: { code: string } | null }) => r.error?.code ?? r.status);
      const want = may ? ['applied', 'applied', 'applied', 'applied'] : ['site.not_author', 'applied', 'applied', 'person.not_author'];
      if (got.join() !== want.join()) problems.push(`${name}: expected ${want.join()}, got ${got.join()}`);
    }
    expect(problems).toEqual([]);
    // Someone may and someone may not: the rule is a real check.
    expect(ROLES.filter((r) => can(r, 'field.record') && canChangeRecordOf(r, 'someone', 'author')).length).toBeGreaterThan(0);
    expect(ROLES.filter((r) => can(r, 'field.record') && !canChangeRecordOf(r, 'someone', 'author')).length).toBeGreaterThan(0);
  });

  it('lets only a coordinator or legal member other than the requester confirm a grant of access to identities', async () => {
    const problems: string[] = [];
    let n = 0;
    for (const [name, roles, c] of [...everyone(), ['the requesting administrator', ['admin'] as Role[], admin] as const]) {
      const target = await t.userWithRole(admin.user.organisationId, 'observer', `grant-${n += 1}@hro.example`);
      const asked = await admin.patch(`/api/users/${target.user.id}`, { roles: ['observer', 'legal'] });
      expect(asked.json()).toMatchObject({ roles: ['observer'], grantPending: true });
      const grant = await t.db.selectFrom('identity_grants').select('id').where('user_id', '=', target.user.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
      const res = await c.post(`/api/identity-grants/${grant.id}/confirm`);
      const may = mayConfirmGrant(roles, c.user.id, { requestedBy: admin.user.id, userId: target.user.id });
      if (res.statusCode >= 500) problems.push(`${name}: server error ${res.statusCode}`);
      else if (may !== (res.statusCode === 200)) problems.push(`${name}: expected ${may ? 'to confirm' : 'a refusal'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      const roleNow = await t.db.selectFrom('users').select('additional_roles').where('id', '=', target.user.id).executeTakeFirstOrThrow();
      if ((roleNow.additional_roles.join() === 'legal') !== may) problems.push(`${name}: the roles do not follow the decision`);
    }
    expect(problems).toEqual([]);
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
