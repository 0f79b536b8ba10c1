import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPackageErrors } from '../src/modules/communication/research/release-files.js';
import { publicDataPackage } from '../src/modules/communication/research/public-data-package.js';
import { startTestVigie, type TestVigie } from './harness.js';

let t: TestVigie;
beforeAll(async () => { t = await startTestVigie(); });
afterAll(async () => { await t?.close(); });

type Schema = Record<string, unknown>;
/** What makes a JSON Schema say something: without any of these it accepts anything (`z.unknown()`, `z.any()`, a bare `z.custom()`). */
const TYPING = ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'not', 'properties', 'items', 'prefixItems'];
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every place in `schema` (itself, its properties, items, record values, alternatives) that is untyped, by its path. */
function untypedIn(schema: unknown, at: string): string[] {
  if (!isObject(schema)) return [`${at} (not a schema)`];
  const out = TYPING.some((k) => k in schema) ? [] : [at || '(the whole schema)'];
  const sub = (s: unknown, p: string) => out.push(...untypedIn(s, at ? `${at}.${p}` : p));
  if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) sub(v, k);
  if (isObject(schema.items)) sub(schema.items, '[]');
  if (Array.isArray(schema.prefixItems)) schema.prefixItems.forEach((v, i) => sub(v, `[${i}]`));
  // `additionalProperties: true` is a loose object's "and maybe more", not a value of its own.
  if (isObject(schema.additionalProperties)) sub(schema.additionalProperties, '{}');
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const alternatives = schema[k];
    if (Array.isArray(alternatives)) alternatives.forEach((v, i) => sub(v, `${k}[${i}]`));
  }
  for (const k of ['$defs', 'definitions'] as const) {
    const defs = schema[k];
    if (isObject(defs)) for (const [name, v] of Object.entries(defs)) sub(v, `${k}.${name}`);
  }
  return out;
}

/** Every `$ref` anywhere in `value`. */
function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('the OpenAPI description', () => {
  it('is generated, and every route’s parameters, request body and response say what they hold (no untyped schema)', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode, res.body).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    const problems: string[] = [];
    let checked = 0;
    const check = (schema: unknown, where: string) => {
      checked += 1;
      for (const p of untypedIn(schema, '')) problems.push(`${where}: ${p}`);
    };
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        const route = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) check(p.schema, `${route} ${p.in} ${p.name}`);
        for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {})) check(media.schema, `${route} body ${type}`);
        for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
          for (const [type, media] of Object.entries<any>(response.content ?? {})) check(media.schema, `${route} ${status} ${type}`);
        }
      }
    }
    for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) check(schema, `components.schemas.${name}`);
    expect(problems).toEqual([]);
    // A reference leads somewhere: a recursive schema without a name once pointed at a component that was never written.
    const components = new Set(Object.keys(spec.components?.schemas ?? {}).map((name) => `#/components/schemas/${name}`));
    expect([...refsIn(spec)].filter((ref) => !components.has(ref))).toEqual([]);
    expect(components).toContain('#/components/schemas/JsonValue');
    // The walk really went through the document: several hundred schemas, uploads described as binary.
    expect(checked).toBeGreaterThan(300);
    const upload = spec.paths['/api/legal/cases/{id}/documents'].post.requestBody.content;
    expect(Object.values<any>(upload)[0].schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('describes the public Data Package field by field, and answering through that schema drops nothing', async () => {
    const admin = await t.setUpAdmin();
    expect((await admin.put('/api/statistics/public-settings', { enabled: true, slug: 'hro', threshold: 5 })).statusCode).toBe(200);
    const res = await t.client().get('/api/public/hro/datapackage.json');
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(dataPackageErrors(sent)).toEqual([]);
    const built = await publicDataPackage(t.vigie.ctx, 'hro');
    expect({ ...sent, created: null }).toEqual({ ...JSON.parse(JSON.stringify(built)), created: null });
  });

  it('finds an untyped schema where there is one (the walk itself works)', () => {
    expect(untypedIn({ type: 'object', properties: { a: { type: 'string' }, exif: { type: 'object', additionalProperties: {} } } }, '')).toEqual(['exif.{}']);
    expect(untypedIn({ description: 'The file bytes' }, '')).toEqual(['(the whole schema)']);
    expect(untypedIn({ anyOf: [{ type: 'string' }, {}] }, '')).toEqual(['anyOf[1]']);
    expect(untypedIn({ type: 'array', items: { type: 'object', additionalProperties: true } }, '')).toEqual([]);
  });
});
