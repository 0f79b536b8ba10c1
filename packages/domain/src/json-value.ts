import { z } from 'zod';

/** Any JSON value: what a recorded version, an audit entry or an error's details hold when their shape is open. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The schema of any JSON value, registered under the id `JsonValue`. `z.json()` alone is
 * recursive without a name, and the OpenAPI generator then points at a component that does not
 * exist; named, the description carries one `JsonValue` component that refers to itself.
 */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() => z.union([
  z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema),
])).meta({ id: 'JsonValue', description: 'Any JSON value' });
