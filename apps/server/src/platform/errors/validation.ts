import type { Locale } from '@vigie/domain';
import type { z } from 'zod';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { translate, type MessageKey } from './messages.js';

/**
 * One field's problem. `minimum`/`maximum` let a screen word it beside the field in its own
 * terms ("Ce champ est obligatoire" for a minimum of 1) instead of showing the path.
 */
export type FieldProblem = { field: string; issue: string; message: string; minimum?: number; maximum?: number };

const KNOWN = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys']);

/** Turns schema validation issues into one line per field that a person can act on. */
export function describeValidation(
  issues: FastifySchemaValidationError[],
  locale: Locale,
): FieldProblem[] {
  return issues.map((issue) => {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || translate('field.root', locale);
    const params = issue.params as Record<string, unknown>;
    // A domain rule raised as a custom issue names its problem (e.g. a part larger than its whole).
    const custom = issue.keyword === 'custom' && (params.params as { problem?: unknown } | undefined)?.problem;
    const code = custom === 'part_larger_than_whole' ? custom : KNOWN.has(issue.keyword) ? issue.keyword : 'other';
    const keys = Array.isArray(params.keys) ? params.keys.map(String).slice(0, 10).join(', ') : '';
    const message = translate(`field.${code}` as MessageKey, locale, {
      field,
      minimum: params.minimum,
      maximum: params.maximum,
      keys,
    });
    const bounds = {
      ...(typeof params.minimum === 'number' || typeof params.minimum === 'bigint' ? { minimum: Number(params.minimum) } : {}),
      ...(typeof params.maximum === 'number' || typeof params.maximum === 'bigint' ? { maximum: Number(params.maximum) } : {}),
    };
    return { field, issue: issue.keyword, message, ...bounds };
  });
}

/** The same wording for a zod error raised outside a route's schema (e.g. one command in a batch). */
export function describeZodError(error: z.ZodError, locale: Locale): FieldProblem[] {
  return describeValidation(error.issues.map((issue) => ({
    keyword: issue.code,
    instancePath: `/${issue.path.map(String).join('/')}`,
    schemaPath: '',
    params: issue as unknown as Record<string, unknown>,
    message: issue.message,
  })), locale);
}
