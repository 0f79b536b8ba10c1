import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * A strict Content-Security-Policy: our own scripts only, no inline script, no framing
 * (observers' data must not be clickjacked). Map tiles, when a tile server is configured, are
 * the one outside resource: its origin is allowed for images only, never for scripts or fetches.
 */
export async function installSecurityHeaders(app: FastifyInstance, options: { tileOrigin?: string | undefined; https?: boolean } = {}) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(options.tileOrigin ? [options.tileOrigin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS when the public address is https: a browser that has been here once never again
    // sends the session cookie (or a password) over plain http to a network in the middle.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
