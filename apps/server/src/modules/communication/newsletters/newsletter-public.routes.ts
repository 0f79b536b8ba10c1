import { z } from 'zod';
import { newsletterConfirmationViewSchema, newsletterSignupFormViewSchema, newsletterSignupInputSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { sendPublicPage } from '../../../platform/http/public-page.js';
import { archive, archivedIssue, archivedPhoto, archiveFeed, ARCHIVE_PAGE_STYLE, archivePage, issuePage } from './newsletter-archive.js';
import { confirmationState, confirmSubscription, signUp, signupForm } from './newsletter-signup.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

/**
 * The newsletter's public routes: the sign-up form's text, the sign-up itself, the double
 * opt-in confirmation (GET reads, only POST confirms), the archive of sent issues and its feed.
 */
const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const issueParams = slugParams.extend({ id: z.uuid() });
const photoParams = issueParams.extend({ evidenceId: z.uuid() });
const langQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });
const tokenParams = z.object({ token: z.string().max(100) });
const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

export const newsletterPublicRoutes: RouteModule = (app, ctx) => {
  const open = { access: { kind: 'public' } } as const;
  const tags = ['public'];
  const storage = createObjectStorage(ctx.config.storage);

  app.get('/api/public/:orgSlug/newsletter/signup', {
    config: open, schema: { tags, params: slugParams, response: { 200: newsletterSignupFormViewSchema } },
  }, async (req) => signupForm(ctx, req.params.orgSlug));

  app.get('/api/public/newsletter/confirmations/:token', {
    config: open, schema: { tags, params: tokenParams, response: { 200: newsletterConfirmationViewSchema } },
  }, async (req, reply) => reply.header('cache-control', 'no-store').send(await confirmationState(ctx, req.params.token)));

  // Anyone may post these: a per-address limit, and the sign-up mails an address at most a few times an hour.
  rateLimited(app, ctx, (limited) => {
    limited.post('/api/public/:orgSlug/newsletter/signup', {
      config: open, schema: { tags, params: slugParams, body: newsletterSignupInputSchema, response: { 202: z.object({ requested: z.literal(true) }) } },
    }, async (req, reply) => reply.status(202).send(await signUp(ctx, req.params.orgSlug, req.body, req.ip)));

    limited.post('/api/public/newsletter/confirmations/:token', {
      config: open, schema: { tags, params: tokenParams, response: { 200: newsletterConfirmationViewSchema } },
    }, async (req) => confirmSubscription(ctx, req.params.token, req.ip));
  });

  app.get('/api/public/:orgSlug/newsletter', {
    config: open, schema: { tags, params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => sendPublicPage(reply, ARCHIVE_PAGE_STYLE,
    archivePage(await archive(ctx, req.params.orgSlug), req.query.lang ?? req.locale), { ...headers, vary: 'Accept-Language' }));

  app.get('/api/public/:orgSlug/newsletter.atom', {
    config: open, schema: { tags, params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => reply.headers({ ...headers, vary: 'Accept-Language' }).type('application/atom+xml; charset=utf-8')
    .send(await archiveFeed(await archive(ctx, req.params.orgSlug), req.query.lang ?? req.locale)));

  app.get('/api/public/:orgSlug/newsletter/:id', {
    config: open, schema: { tags, params: issueParams, response: { 200: z.string() } },
  }, async (req, reply) => sendPublicPage(reply, ARCHIVE_PAGE_STYLE, issuePage(await archivedIssue(ctx, req.params.orgSlug, req.params.id)), headers));

  app.get('/api/public/:orgSlug/newsletter/:id/photos/:evidenceId.jpg', {
    config: open, schema: { tags, params: photoParams, response: { 200: fileResponse('The photo (JPEG, publication copy)') } },
  }, async (req, reply) => reply.headers(headers).type('image/jpeg')
    .send(await archivedPhoto(ctx, storage, req.params.orgSlug, req.params.id, req.params.evidenceId)));
};
