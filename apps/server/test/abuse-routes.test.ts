import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Role } from '@vigie/domain';
import type { RouteAccessEntry } from '../src/app.js';
import { isErrorCode } from '../src/platform/errors/catalogue.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import {
  breaks, breaksQuery, hostileRawBody, hostileSegment, hostileValue, plausible, urlEncode, type JsonSchema,
} from './abuse-values.js';

/**
 * Every API route, generated from its own OpenAPI description, is sent hostile input by a
 * caller allowed to use it (so the request passes authorization and meets validation): huge
 * strings, deep JSON, wrong types, odd Unicode (lone surrogates, RTL overrides, NUL bytes),
 * SQL and HTML injections, huge and negative numbers. The answer is never a 5xx; an error is
 * always a catalogue {code, message}; a request that certainly breaks the schema is a 4xx.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const RUNS = Number(process.env.ABUSE_RUNS ?? 12);
/** Signing out would end the session the other routes are walked with; it takes no input anyway. */
const SKIPPED = new Set(['POST /api/auth/logout', 'GET /api/openapi.json']);
const RAW_TYPES = ['application/json', 'text/csv', 'application/octet-stream', 'application/offset+octet-stream', 'text/plain', 'application/x-www-form-urlencoded'];

type Operation = { parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } };
type Hostile = { method: string; url: string; payload?: string; contentType?: string; headers: Record<string, string>; invalid: string | null };

let t: TestVigie;
let routes: RouteAccessEntry[];
let doc: { paths: Record<string, Record<string, Operation>> };
const callers = new Map<Role | 'anonymous', TestClient>();

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  callers.set('admin', admin);
  callers.set('coordinator', await t.userWithRole(admin.user.organisationId, 'coordinator'));
  callers.set('anonymous', t.client());
  routes = t.vigie.app.routeAccess.filter((r) => !SKIPPED.has(`${r.method} ${r.url}`));
  doc = (await t.client().get('/api/openapi.json')).json();
});
afterAll(async () => { await t?.close(); });

/** The caller that passes the route's access rule: a coordinator when it may, else an administrator. */
function callerFor(r: RouteAccessEntry): TestClient {
  if (r.access.kind === 'public') return callers.get('anonymous')!;
  if (r.access.kind === 'signed-in') return callers.get('coordinator')!;
  const access = r.access;
  const needed = access.kind === 'anyPermission' ? access.permissions : access.kind === 'permission' ? [access.permission] : [];
  const role = (['coordinator', 'admin'] as const).find((x) => needed.some((p) => can(x, p)));
  if (!role) throw new Error(`no test caller holds ${JSON.stringify(r.access)}: add one`);
  return callers.get(role)!;
}

const operationOf = (r: RouteAccessEntry): Operation | undefined =>
  doc.paths[r.url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method.toLowerCase()];

/** Builds the arbitrary of hostile requests for one route from its OpenAPI operation. */
function hostileRequests(r: RouteAccessEntry, op: Operation | undefined): fc.Arbitrary<Hostile> {
  const params = (op?.parameters ?? []).filter((p) => p.in === 'path');
  const query = (op?.parameters ?? []).filter((p) => p.in === 'query');
  const headers = (op?.parameters ?? []).filter((p) => p.in === 'header');
  const bodySchema = op?.requestBody?.content['application/json']?.schema;
  const takesBody = !['GET', 'DELETE'].includes(r.method);
  const props = Object.entries(bodySchema?.properties ?? {});

  const pathArb = fc.tuple(...params.map((p) => fc.option(hostileSegment, { nil: undefined, freq: 2 }).map((v) => ({ p, v }))));
  const queryArb = fc.tuple(...query.map((q) => fc.option(fc.oneof(hostileSegment, fc.constantFrom('-5', '0', '1.5', '99999999999999999999', 'NaN', '')), { nil: undefined, freq: 3 }).map((v) => ({ q, v }))));
  const headerArb = fc.tuple(...headers.map((h) => fc.constantFrom('-1', '1e400', 'abc', '0x10', '18446744073709551616').map((v) => ({ h, v }))));
  // One or two fields under attack (replaced by a hostile value, or dropped), the others
  // plausible, so that the attack meets the validation of that very field, or the database.
  const fieldArb = props.length === 0
    ? fc.constant([] as Array<{ name: string; schema: JsonSchema; v: unknown; drop: boolean }>)
    : fc.tuple(
      fc.subarray(props.map(([name]) => name), { minLength: 1, maxLength: Math.min(2, props.length) }),
      fc.array(fc.option(hostileValue, { freq: 6 }), { minLength: 2, maxLength: 2 }),
    ).map(([attacked, values]) => props.map(([name, schema]) => {
      const i = attacked.indexOf(name);
      if (i < 0) return { name, schema, v: plausible(schema), drop: false };
      return values[i] === null ? { name, schema, v: undefined, drop: true } : { name, schema, v: values[i], drop: false };
    }));
  const bodyArb: fc.Arbitrary<{ payload?: string; contentType?: string; invalid: string | null }> = !takesBody
    ? fc.constant({ invalid: null })
    : fc.oneof(
      // The declared object with fields replaced, dropped, or extra ones added.
      { weight: 6, arbitrary: fc.tuple(fieldArb, fc.option(hostileValue, { freq: 3 })).map(([fields, extra]) => {
        const body: Record<string, unknown> = {};
        let invalid: string | null = null;
        for (const f of fields) {
          if (f.drop) {
            if (bodySchema?.required?.includes(f.name)) invalid ??= `required ${f.name} missing`;
            continue;
          }
          body[f.name] = f.v;
          if (breaks(f.schema, f.v)) invalid ??= `${f.name} breaks its schema`;
        }
        if (extra !== null) {
          body['<unexpected field>'] = extra;
          if (bodySchema?.additionalProperties === false) invalid ??= 'unexpected field';
        }
        const payload = JSON.stringify(body);
        return { payload, contentType: 'application/json', invalid: bodySchema ? invalid : null };
      }) },
      // A whole JSON value of the wrong kind.
      { weight: 2, arbitrary: hostileValue.map((v) => ({
        payload: JSON.stringify(v) ?? 'null', contentType: 'application/json',
        invalid: bodySchema?.type === 'object' && typeof v !== 'object' ? 'body is not an object' : null,
      })) },
      // Text that is not JSON at all, or JSON built to hurt the parser, under any content type.
      { weight: 2, arbitrary: fc.tuple(hostileRawBody, fc.constantFrom(...RAW_TYPES)).map(([payload, contentType]) => ({ payload, contentType, invalid: null })) },
    );

  return fc.record({ path: pathArb, query: queryArb, headers: headerArb, body: bodyArb, lang: fc.constantFrom('fr', 'en') }).map(({ path, query, headers: hs, body, lang }) => {
    let invalid: string | null = body.invalid;
    let url = r.url;
    for (const { p, v } of path) {
      const value = v ?? String(plausible(p.schema));
      if (v !== undefined && breaks(p.schema, v)) invalid ??= `path ${p.name} breaks its schema`;
      // A '..' segment (even as %2E%2E) is resolved away by URL parsing, as any browser does, onto
      // another route: it reaches no route as an id, so '.. ' (still no valid id) stands in for it.
      url = url.replace(`:${p.name}`, urlEncode(/^\.{1,2}$/.test(value) ? `${value} ` : value));
    }
    const qs: string[] = [];
    for (const { q, v } of query) {
      if (v === undefined) continue;
      if (breaksQuery(q.schema, v)) invalid ??= `query ${q.name} breaks its schema`;
      qs.push(`${q.name}=${urlEncode(v)}`);
    }
    if (qs.length) url += `?${qs.join('&')}`;
    const headers: Record<string, string> = { 'accept-language': lang };
    for (const { h, v } of hs) { headers[h.name] = v; invalid ??= `header ${h.name} breaks its schema`; }
    return { method: r.method, url, ...(body.payload !== undefined && { payload: body.payload, contentType: body.contentType }), headers, invalid };
  });
}

async function send(c: TestClient, h: Hostile) {
  const res = await t.vigie.app.inject({
    method: h.method as 'GET', url: h.url,
    headers: {
      ...(c.cookie && { cookie: c.cookie }), ...(c.csrf && { 'x-csrf-token': c.csrf }),
      ...(h.contentType && { 'content-type': h.contentType }), ...h.headers,
    },
    ...(h.payload !== undefined && { payload: h.payload }),
  });
  return res;
}

/** What is wrong with an answer, or null. */
function judge(h: Hostile, status: number, body: string): string | null {
  if (status >= 500) return `server error ${status}: ${body.slice(0, 300)}`;
  if (h.invalid && (status < 400 || status >= 500)) return `expected a 4xx (${h.invalid}), got ${status}`;
  if (status < 400) return null;
  let parsed: { code?: unknown; message?: unknown };
  try { parsed = JSON.parse(body); } catch { return `error ${status} without a JSON body: ${body.slice(0, 200)}`; }
  if (typeof parsed.code !== 'string' || !isErrorCode(parsed.code)) return `error ${status} with a code not in the catalogue: ${body.slice(0, 200)}`;
  if (typeof parsed.message !== 'string' || parsed.message.length < 10 || parsed.message === parsed.code) return `error ${status} without a readable message: ${body.slice(0, 200)}`;
  return null;
}

describe(`hostile input on every route (${backend})`, () => {
  it('walks a sizeable set of routes, each described in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const undocumented = routes.filter((r) => !r.hiddenFromDocs && !operationOf(r)).map((r) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
  });

  it('never answers a 5xx, and answers every refusal with a catalogue code and a message', async () => {
    const failures: string[] = [];
    const tally = new Map<string, number>();
    const started = Date.now();
    for (const r of routes) {
      const caller = callerFor(r);
      const arb = hostileRequests(r, operationOf(r));
      const seen: string[] = [];
      await fc.assert(fc.asyncProperty(arb, async (h) => {
        const res = await send(caller, h);
        const problem = judge(h, res.statusCode, res.body);
        if (process.env.ABUSE_DEBUG) { const k = `${res.statusCode} ${(() => { try { return JSON.parse(res.body).code; } catch { return ''; } })()}`; tally.set(k, (tally.get(k) ?? 0) + 1); }
        if (problem) seen.push(`${h.method} ${h.url.slice(0, 120)} ${h.payload?.slice(0, 120) ?? ''}\n    → ${problem}`);
        return problem === null;
      }), { numRuns: RUNS, seed: Number(process.env.ABUSE_SEED ?? 20261122), endOnFailure: true }).catch(() => {});
      // One shrunk counterexample per route is enough to see what to fix.
      if (seen.length) failures.push(`${r.method} ${r.url}: ${seen.at(-1)}`);
    }
    console.log(`[abuse] ${backend}: ${routes.length} routes × ${RUNS} hostile requests in ${Date.now() - started} ms`);
    if (process.env.ABUSE_DEBUG) console.log([...tally].sort((a, b) => b[1] - a[1]));
    expect(failures).toEqual([]);
    // The callers were never thrown out by what they sent.
    for (const role of ['admin', 'coordinator'] as const) expect((await callers.get(role)!.get('/api/auth/me')).statusCode).toBe(200);
  }, 240_000);
});
