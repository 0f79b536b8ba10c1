import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Hostile inputs for the abuse tests, and requests built from a route's OpenAPI description:
 * a plausible request where some fields are replaced by hostile values, so that each request
 * reaches the validation of the field under attack. `invalid` says when the request certainly
 * breaks the declared schema (then only a 4xx is acceptable); otherwise a 2xx is fine too
 * (say an HTML payload within a display name's length), but never a 5xx.
 */
export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema; enum?: unknown[]; const?: unknown; minLength?: number; maxLength?: number; minimum?: number; maximum?: number;
  exclusiveMinimum?: boolean | number; exclusiveMaximum?: boolean | number; pattern?: string; format?: string; nullable?: boolean;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; minItems?: number; maxItems?: number; default?: unknown;
};

export const INJECTIONS = [
  "' OR '1'='1' --", "'; DROP TABLE evictions; --", "1; SELECT pg_sleep(10) --", "\\'; SELECT * FROM users; --", '$1::text',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(document.cookie)>', 'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}', '${process.exit(1)}', '../../../../etc/passwd', '%00', '%s%s%s%n', 'null', 'undefined',
];

export const ODD_UNICODE = [
  '\uD800', '\uDFFF', 'a\uD83Db', '\u202Eexe.jpg', '\u202Bשלום\u202C', '\u0000', 'nul\u0000byte', '\u200B\u200D\uFEFF', 'e\u0301'.repeat(200),
  '𝕍𝕚𝕘𝕚𝕖 🏕️👮', '\u0085\u2028\u2029', '\r\n\r\nX-Injected: 1', 'ﷺ'.repeat(50), 'İıſ',
];

const hugeString = fc.constantFrom('A'.repeat(300_000), 'é'.repeat(5_000), '<'.repeat(20_000));
const numbers = fc.constantFrom(-1, -0.5, 0, 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31) - 1, 2 ** 63, 1e-320, 4.2);
const odd = fc.oneof(fc.constantFrom(...INJECTIONS), fc.constantFrom(...ODD_UNICODE), fc.string({ unit: 'binary', maxLength: 40 }));

/** A hostile JSON value of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: odd },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { $gt: '' }, ['<script>'], { toString: 'x' }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 60 }).map((d) => deepArray(d)) },
);

function deepArray(depth: number): unknown {
  let v: unknown = '<b>deep</b>';
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Whole bodies that are not what any route expects, as raw text (some are not even JSON). */
export const hostileRawBody = fc.constantFrom(
  '[' .repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2,"a":"<script>"}',
  '{"unterminated": "',
  '\u0000\u0001\u0002',
  'null', '"just a string"', '12345678901234567890123456789', '[]', 'true',
  '\uFEFF{}',
  '{"x":"\\ud800"}',
  '{"x":"\\u0000"}',
);

export const hostileSegment = fc.oneof(fc.constantFrom(...INJECTIONS), fc.constantFrom(...ODD_UNICODE), fc.constantFrom('-1', '0', '1e999', 'A'.repeat(3000), '..', '%', '%ZZ', ' '));

/** A path or query value safely written into a URL, whatever its characters (lone surrogates included). */
export function urlEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes a broken client would (CESU-8 of U+D800).
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80').replace(/[^%A-Za-z0-9]/g, (c) => encodeURIComponent(c));
  }
}

/** A plausible value for a schema, used for the fields not under attack. */
export function plausible(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const alt = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (alt) return plausible(alt);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return 'someone@hro.example';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2026-02-13';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer': case 'number': return Math.max(1, typeof schema.minimum === 'number' ? schema.minimum : 1);
    case 'boolean': return true;
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, () => plausible(schema.items));
    case 'object': return Object.fromEntries((schema.required ?? []).map((k) => [k, plausible(schema.properties?.[k])]));
    default: return null;
  }
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/**
 * True when `value` certainly breaks `schema` (wrong type, length or range, not in the enum,
 * not matching the pattern). Unions and nested structures are not judged: false means "maybe valid".
 */
export function breaks(schema: JsonSchema | undefined, value: unknown): boolean {
  if (!schema || schema.anyOf || schema.oneOf || schema.allOf) return false;
  if (value === null) return !schema.nullable && !(Array.isArray(schema.type) && schema.type.includes('null')) && schema.type !== undefined;
  const types = [schema.type ?? []].flat();
  if (types.length) {
    const t = typeOf(value);
    const fits = types.some((want) => want === t || (want === 'number' && t === 'integer'));
    if (!fits) return true;
  }
  if (schema.enum && !schema.enum.includes(value)) return true;
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return true;
    if (schema.minLength !== undefined && value.length < schema.minLength) return true;
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return true;
  }
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum) return true;
    if (typeof schema.minimum === 'number' && value < schema.minimum) return true;
  }
  return false;
}

/** A query-string value (always text) against the schema of a coerced parameter. */
export function breaksQuery(schema: JsonSchema | undefined, value: string): boolean {
  if (!schema) return false;
  const type = [schema.type ?? []].flat()[0];
  if (type === 'integer' || type === 'number') {
    const n = Number(value);
    return Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n)) || breaks({ ...schema, type: 'number' }, n);
  }
  return type === 'string' ? breaks(schema, value) : false;
}
