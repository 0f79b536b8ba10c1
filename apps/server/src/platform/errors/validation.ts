import type { Locale } from '@vigie/domain';
import type { z } from 'zod';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { translate, type MessageKey } from './messages.js';

/**
 * One field's problem. `minimum`/`maximum` let a screen word it beside the field in its own
 * terms ("Ce champ est obligatoire" for a minimum of 1) instead of showing the path. `field` is
 * empty when the problem is with the whole request part (no field to point at): the message
 * then says which part and what was expected, in words.
 */
export type FieldProblem = { field: string; issue: string; message: string; minimum?: number; maximum?: number };

/** Where the problem was: Fastify's validation contexts, and one command of a phone's batch. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers' | 'command';

const KNOWN = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys']);
const ROOT_KNOWN = new Set(['invalid_type', 'too_small', 'too_big', 'unrecognized_keys', 'custom']);
/** Domain rules raised as custom issues that name their problem (`params: { problem }`), each worded in the catalogue. */
const FIELD_PROBLEMS = new Set(['part_larger_than_whole']);
const ROOT_PROBLEMS = new Set(['status_outcome_or_note', 'file_expected']);
const EXPECTED = new Set(['object', 'array', 'string', 'number', 'boolean']);

const partOf = (context: string | undefined): RequestPart =>
  context === 'querystring' || context === 'params' || context === 'headers' || context === 'command' ? context : 'body';

/** Turns schema validation issues into one line per field that a person can act on. */
export function describeValidation(
  issues: FastifySchemaValidationError[],
  locale: Locale,
  context?: string,
): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = issue.params as Record<string, unknown>;
    const problem = issue.keyword === 'custom' ? (params.params as { problem?: unknown } | undefined)?.problem : undefined;
    const keys = Array.isArray(params.keys) ? params.keys.map(String).slice(0, 10).join(', ') : '';
    const bounds = {
      ...(typeof params.minimum === 'number' || typeof params.minimum === 'bigint' ? { minimum: Number(params.minimum) } : {}),
      ...(typeof params.maximum === 'number' || typeof params.maximum === 'bigint' ? { maximum: Number(params.maximum) } : {}),
    };
    const vars = { field: path, minimum: params.minimum, maximum: params.maximum, keys };
    if (path === '') {
      // No field to name ("un champ" would tell nobody anything): say which part of the request, and what it should have been.
      const part = translate(`request.part.${partOf(context)}` as MessageKey, locale);
      const expected = translate(`field.expected.${EXPECTED.has(String(params.expected)) ? String(params.expected) : 'other'}` as MessageKey, locale);
      const key = typeof problem === 'string' && ROOT_PROBLEMS.has(problem) ? `field.problem.${problem}`
        : `field.root.${ROOT_KNOWN.has(issue.keyword) ? issue.keyword : 'other'}`;
      return { field: '', issue: issue.keyword, message: translate(key as MessageKey, locale, { ...vars, part, expected }), ...bounds };
    }
    const code = typeof problem === 'string' && FIELD_PROBLEMS.has(problem) ? problem : KNOWN.has(issue.keyword) ? issue.keyword : 'other';
    return { field: path, issue: issue.keyword, message: translate(`field.${code}` as MessageKey, locale, vars), ...bounds };
  });
}

/** The same wording for a zod error raised outside a route's schema (e.g. one command in a batch). */
export function describeZodError(error: z.ZodError, locale: Locale, part: RequestPart = 'body'): FieldProblem[] {
  return describeValidation(error.issues.map((issue) => ({
    keyword: issue.code,
    instancePath: `/${issue.path.map(String).join('/')}`,
    schemaPath: '',
    params: issue as unknown as Record<string, unknown>,
    message: issue.message,
  })), locale, part);
}
