import type { Readable } from 'node:stream';
import { z } from 'zod';

/**
 * A response sent as a file or a stream. Fastify sends Buffers and streams as they are, without
 * running the serializer, so this schema only tells the OpenAPI description what comes back.
 */
export const fileResponse = (description: string) =>
  // Typed as what handlers send; at run time a string schema, which is what OpenAPI should show.
  z.string().meta({ format: 'binary', description }) as unknown as z.ZodType<string | Uint8Array | Readable>;

/**
 * A request body read as raw bytes (uploads): it reaches the handler as a stream from a custom
 * content-type parser, so zod cannot see it; the intake checks size, type and hash instead.
 */
export const rawBody = (description: string) => z.unknown().describe(description);
