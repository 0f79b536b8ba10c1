import type { FastifyInstance } from 'fastify';
/**
 * A strict Content-Security-Policy: our own scripts only, no inline script, no framing
 * (observers' data must not be clickjacked). Map tiles may come from a configured host later.
 */
export declare function installSecurityHeaders(app: FastifyInstance): Promise<void>;
