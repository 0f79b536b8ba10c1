import type { FastifyInstance, FastifyReply } from 'fastify';
import { can, canReadRecords } from '@vigie/domain';
import type { Db } from '../db/database.js';
import { AppError } from '../errors/catalogue.js';
import { sessionCache } from '../auth/session-cache.js';
import { findLiveSession, type SessionUser } from '../auth/session-store.js';
import { safeEqual, sha256Hex } from '../crypto/tokens.js';
import { localeFromAcceptLanguage } from '../i18n/locale.js';
import { toActor } from './request-context.js';

export const SESSION_COOKIE = 'vigie_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Resolves who is calling, checks CSRF and applies the route's declared access — before the
 * body is even validated, so an anonymous caller learns nothing about a route's schema.
 */
export function installAuthentication(app: FastifyInstance, db: Db, publicUrl: string) {
  const allowedOrigin = new URL(publicUrl).origin;
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req) => {
    req.locale = localeFromAcceptLanguage(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = sha256Hex(token);
      let session = sessionCache.get(tokenHash) as SessionUser | undefined;
      if (!session) {
        session = await findLiveSession(db, tokenHash);
        if (session) sessionCache.set(tokenHash, session);
      }
      if (session) {
        req.actor = toActor(session);
        req.locale = session.locale;
      }
    }
    if (!SAFE_METHODS.has(req.method)) {
      // Same-origin only: SameSite=Strict cookies plus an Origin check plus a per-session token.
      const origin = req.headers.origin;
      // Against the configured public address only: the request's own Host header is chosen
      // by whoever sends it, so comparing with it would accept any origin that forges it.
      if (origin && origin !== allowedOrigin) {
        throw new AppError('request.csrf_failed');
      }
      if (req.actor) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, req.actor.csrfToken)) throw new AppError('request.csrf_failed');
      }
    }
    const access = req.routeOptions.config.access;
    if (!access || access.kind === 'public') return;
    if (!req.actor) throw new AppError('auth.unauthenticated');
    if (req.actor.mustEnrolTotp && !(access.kind === 'signed-in' && access.duringEnrolment)) {
      throw new AppError('auth.totp_enrolment_required');
    }
    if (access.kind === 'permission' && !can(req.actor.roles, access.permission)) throw new AppError('auth.forbidden');
    if (access.kind === 'permission' && access.rowLevel && !canReadRecords(req.actor.roles)) throw new AppError('auth.aggregates_only');
    if (access.kind === 'anyPermission' && !access.permissions.some((p) => can(req.actor!.roles, p))) throw new AppError('auth.forbidden');
  });

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
  });
}
