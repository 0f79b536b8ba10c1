import { z } from 'zod';
import { jobAlertConfirmationViewSchema, jobAlertFormViewSchema, jobAlertSignupInputSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { confirmJobAlerts, jobAlertConfirmationState, jobAlertForm, subscribeToJobAlerts } from './job-alerts.js';

/** Job alerts' public routes: the form's text, the request, and the double opt-in (GET reads, only POST confirms). */
const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const tokenParams = z.object({ token: z.string().max(100) });

export const jobAlertsRoutes: RouteModule = (app, ctx) => {
  const open = { access: { kind: 'public' } } as const;
  const tags = ['public'];

  app.get('/api/public/:orgSlug/job-alerts', {
    config: open, schema: { tags, params: slugParams, response: { 200: jobAlertFormViewSchema } },
  }, async (req) => jobAlertForm(ctx, req.params.orgSlug));

  app.get('/api/public/job-alerts/confirmations/:token', {
    config: open, schema: { tags, params: tokenParams, response: { 200: jobAlertConfirmationViewSchema } },
  }, async (req, reply) => reply.header('cache-control', 'no-store').send(await jobAlertConfirmationState(ctx, req.params.token)));

  // Anyone may post these: a per-address limit, and a request mails an address at most a few times an hour.
  rateLimited(app, ctx, (limited) => {
    limited.post('/api/public/:orgSlug/job-alerts', {
      config: open, schema: { tags, params: slugParams, body: jobAlertSignupInputSchema, response: { 202: z.object({ requested: z.literal(true) }) } },
    }, async (req, reply) => reply.status(202).send(await subscribeToJobAlerts(ctx, req.params.orgSlug, req.body, req.ip)));

    limited.post('/api/public/job-alerts/confirmations/:token', {
      config: open, schema: { tags, params: tokenParams, response: { 200: jobAlertConfirmationViewSchema } },
    }, async (req) => confirmJobAlerts(ctx, req.params.token, req.ip));
  });
};
