import type { Locale } from '@vigie/domain';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { translate, type MessageKey } from './messages.js';

export type FieldProblem = { field: string; issue: string; message: string };

const KNOWN = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys']);

/** Turns schema validation issues into one line per field that a person can act on. */
export function describeValidation(
  issues: FastifySchemaValidationError[],
  locale: Locale,
): FieldProblem[] {
  return issues.map((issue) => {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || translate('field.root', locale);
    const params = issue.params as Record<string, unknown>;
    const code = KNOWN.has(issue.keyword) ? issue.keyword : 'other';
    const keys = Array.isArray(params.keys) ? params.keys.map(String).slice(0, 10).join(', ') : '';
    const message = translate(`field.${code}` as MessageKey, locale, {
      field,
      minimum: params.minimum,
      maximum: params.maximum,
      keys,
    });
    return { field, issue: issue.keyword, message };
  });
}
