import rateLimit from '@fastify/rate-limit';
import type { App, AppContext } from '../context.js';
import { AppError } from '../errors/catalogue.js';

/**
 * Registers `routes` behind a per-address limit of AUTH_RATE_LIMIT_PER_MINUTE requests: every
 * unauthenticated route that checks a secret or hashes a password (sign-in, reset, set-up,
 * invitation acceptance) goes through here, and the public figures (with their own, higher limit). The address is the socket's, or X-Forwarded-For
 * only when the socket is one of the configured proxies (TRUST_PROXY).
 */
export function rateLimited(app: App, ctx: AppContext, routes: (limited: App) => void, perMinute = ctx.config.authRateLimitPerMinute) {
  app.register(async (instance) => {
    await instance.register(rateLimit, {
      max: perMinute,
      timeWindow: '1 minute',
      errorResponseBuilder: () => new AppError('request.rate_limited'),
    });
    routes(instance as unknown as App);
  });
}
