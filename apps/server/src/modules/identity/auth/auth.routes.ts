import { z } from 'zod';
import { emailSchema, loginBodySchema, passwordSchema, sessionSchema, totpCodeSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { clearSessionCookie, setSessionCookie } from '../../../platform/http/authentication.js';
import { presentCurrentUser } from '../../../platform/http/request-context.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { signIn, signOut } from './sign-in.js';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp } from './two-factor.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.js';

const ok = z.object({ ok: z.literal(true) });

export const authRoutes: RouteModule = (app, ctx) => {
  const secure = ctx.config.publicUrl.startsWith('https:');

  app.get('/api/auth/me', {
    config: { access: { kind: 'signed-in', duringEnrolment: true } },
    schema: { tags: ['auth'], response: { 200: sessionSchema } },
  }, async (req) => {
    const actor = req.actor;
    if (!actor) throw new AppError('auth.unauthenticated');
    return { user: presentCurrentUser(actor), csrfToken: actor.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: { kind: 'signed-in', duringEnrolment: true } },
    schema: { tags: ['auth'], response: { 200: ok } },
  }, async (req, reply) => {
    if (req.actor) await signOut(ctx, req.actor, req.ip);
    clearSessionCookie(reply, secure);
    return { ok: true as const };
  });

  app.post('/api/auth/totp/setup', {
    config: { access: { kind: 'signed-in', duringEnrolment: true } },
    schema: { tags: ['auth'], response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }) } },
  }, async (req) => beginTotpEnrolment(ctx, req.actor!));

  app.post('/api/auth/totp/enable', {
    config: { access: { kind: 'signed-in', duringEnrolment: true } },
    schema: { tags: ['auth'], body: z.strictObject({ code: totpCodeSchema }), response: { 200: ok } },
  }, async (req) => {
    await confirmTotpEnrolment(ctx, req.actor!, req.body.code, req.ip);
    return { ok: true as const };
  });

  app.post('/api/auth/totp/disable', {
    config: { access: { kind: 'signed-in' } },
    schema: { tags: ['auth'], body: z.strictObject({ code: totpCodeSchema }), response: { 200: ok } },
  }, async (req) => {
    await disableTotp(ctx, req.actor!, req.body.code, req.ip);
    return { ok: true as const };
  });

  // Per-IP limits on the unauthenticated entry points; per-account throttling is in signIn.
  rateLimited(app, ctx, (limited) => {

    limited.post('/api/auth/login', {
      config: { access: { kind: 'public' } },
      schema: { tags: ['auth'], body: loginBodySchema, response: { 200: sessionSchema } },
    }, async (req, reply) => {
      const opened = await signIn(ctx, req.body, req.ip);
      setSessionCookie(reply, opened.token, opened.expiresAt, secure);
      return opened.view;
    });

    limited.post('/api/auth/password-reset/request', {
      config: { access: { kind: 'public' } },
      schema: { tags: ['auth'], body: z.strictObject({ email: emailSchema }), response: { 202: ok } },
    }, async (req, reply) => {
      await requestPasswordReset(ctx, req.body.email, req.ip);
      return reply.status(202).send({ ok: true as const });
    });

    limited.post('/api/auth/password-reset/confirm', {
      config: { access: { kind: 'public' } },
      schema: { tags: ['auth'], body: z.strictObject({ token: z.string().min(16).max(200), password: passwordSchema }), response: { 200: ok } },
    }, async (req) => {
      await confirmPasswordReset(ctx, req.body.token, req.body.password, req.ip);
      return { ok: true as const };
    });
  });
};
