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
 * A request body read as raw bytes (uploads): a scoped content-type parser hands it over as a
 * Buffer, which this checks; the intake checks size, type and hash. A request with no body at
 * all reaches the handler without one (undefined), so the intake can refuse an empty file in
 * its own words. zod cannot describe a Buffer in JSON Schema (it would become `{}`, "anything"):
 * the metadata says what it is, a binary string, in the OpenAPI description.
 */
export const rawBody = (description: string) =>
  z.custom<Buffer>((value) => Buffer.isBuffer(value), { params: { problem: 'file_expected' } }).optional().meta({ type: 'string', format: 'binary', description });
