import { z } from 'zod';
import type { Count } from './counts.js';

/** The wire shape of a count (see counts.ts for its meaning). */
export const countSchema = z.strictObject({
  n: z.number().int().min(0).max(100_000),
  atLeast: z.boolean(),
}) satisfies z.ZodType<Count>;
