import type { Locale } from '@vigie/domain';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
export type FieldProblem = {
    field: string;
    issue: string;
    message: string;
};
/** Turns schema validation issues into one line per field that a person can act on. */
export declare function describeValidation(issues: FastifySchemaValidationError[], locale: Locale): FieldProblem[];
