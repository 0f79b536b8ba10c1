import { z } from 'zod';
import {
  calendarItemViewSchema, calendarQuerySchema, campaignInputSchema, campaignSummaryViewSchema, campaignViewSchema,
  eventInputSchema, eventViewSchema, postImageQuerySchema, postImageViewSchema, postInputSchema, postPublishedSchema, postViewSchema,
  registrationInputSchema,
} from '@vigie/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, rawBody } from '../../../platform/http/raw-bytes.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { PUBLISHABLE_IMAGE_MAX_BYTES } from '../../field/evidence/image-intake.js';
import { postImageCopy, uploadPostImage } from './post-images.js';
import type { RouteModule } from '../../../platform/context.js';
import { secretCalendarRoutes } from '../../field/rota/rota.routes.js';
import { renderCampaignFeed } from './campaign-calendar.js';
import {
  addPressRelease, approvePost, calendar, campaignList, createCampaign, cancelEvent, createEvent, createPost, editCampaign, editEvent, editPost, markPostPublished,
  readCampaign, readEvent, readPost, register, removePressRelease, unregister,
} from './campaigns.service.js';

const idParams = z.object({ id: z.uuid() });
const releaseParams = z.object({ id: z.uuid(), releaseId: z.uuid() });
const registrationParams = z.object({ id: z.uuid(), registrationId: z.uuid() });
const campaignAnswer = z.object({ campaign: campaignViewSchema });
const postAnswer = z.object({ post: postViewSchema });
const eventAnswer = z.object({ event: eventViewSchema });

/** Campaigns, social posts, events and the editorial calendar: the communication pole's (comms.publish). */
export const campaignsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['campaigns'];

  app.get('/api/campaigns', { config: access, schema: { tags, response: { 200: z.object({ campaigns: z.array(campaignSummaryViewSchema) }) } } },
    async (req) => ({ campaigns: await campaignList(ctx, req.actor!) }));
  app.post('/api/campaigns', { config: access, schema: { tags, body: campaignInputSchema, response: { 201: campaignAnswer } } },
    async (req, reply) => reply.status(201).send({ campaign: await createCampaign(ctx, req.actor!, req.body, req.ip) }));

  app.get('/api/campaigns/calendar', {
    config: access, schema: { tags, querystring: calendarQuerySchema, response: { 200: z.object({ items: z.array(calendarItemViewSchema) }) } },
  }, async (req) => ({ items: await calendar(ctx, req.actor!, req.query) }));

  // The secret iCal link and feed: the rota's routes and links (see campaign-calendar.ts).
  secretCalendarRoutes(app, ctx, { base: '/api/campaigns', access, tags, calendar: 'communication', render: renderCampaignFeed });

  // An image for posts: its bytes as the body (type read from them), name and alt text in the
  // query. The raw-body parser is registered inside this plugin only.
  const storage = createObjectStorage(ctx.config.storage);
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUBLISHABLE_IMAGE_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));
    scope.post('/api/campaigns/post-images', {
      config: access, bodyLimit: PUBLISHABLE_IMAGE_MAX_BYTES + 1,
      schema: { tags, querystring: postImageQuerySchema, body: rawBody('The image bytes (JPEG, PNG or WebP)'), consumes: ['image/jpeg', 'image/png', 'image/webp'], response: { 201: z.object({ image: postImageViewSchema }) } },
    }, async (req, reply) => {
      const bytes = req.body ?? Buffer.alloc(0);
      return reply.status(201).send({ image: await uploadPostImage(ctx, storage, req.actor!, req.query, bytes, req.ip) });
    });
  });
  app.get('/api/campaigns/post-images/:id', {
    config: access, exposeHeadRoute: false, schema: { tags, params: idParams, response: { 200: fileResponse('The publication copy (JPEG, no metadata)') } },
  }, async (req, reply) => {
    const { bytes, sha256 } = await postImageCopy(ctx, storage, req.actor!, req.params.id);
    return reply.headers({ 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=3600', 'x-content-sha256': sha256 }).send(bytes);
  });

  app.post('/api/campaigns/posts', { config: access, schema: { tags, body: postInputSchema, response: { 201: postAnswer } } },
    async (req, reply) => reply.status(201).send({ post: await createPost(ctx, req.actor!, req.body, req.ip) }));
  app.get('/api/campaigns/posts/:id', { config: access, schema: { tags, params: idParams, response: { 200: postAnswer } } },
    async (req) => ({ post: await readPost(ctx, req.actor!, req.params.id) }));
  app.put('/api/campaigns/posts/:id', { config: access, schema: { tags, params: idParams, body: postInputSchema, response: { 200: postAnswer } } },
    async (req) => ({ post: await editPost(ctx, req.actor!, req.params.id, req.body, req.ip) }));
  app.post('/api/campaigns/posts/:id/approve', { config: access, schema: { tags, params: idParams, response: { 200: postAnswer } } },
    async (req) => ({ post: await approvePost(ctx, req.actor!, req.params.id, req.ip) }));
  app.post('/api/campaigns/posts/:id/published', {
    config: access, schema: { tags, params: idParams, body: postPublishedSchema, response: { 200: postAnswer } },
  }, async (req) => ({ post: await markPostPublished(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/campaigns/events', { config: access, schema: { tags, body: eventInputSchema, response: { 201: eventAnswer } } },
    async (req, reply) => reply.status(201).send({ event: await createEvent(ctx, req.actor!, req.body, req.ip) }));
  app.get('/api/campaigns/events/:id', { config: access, schema: { tags, params: idParams, response: { 200: eventAnswer } } },
    async (req) => ({ event: await readEvent(ctx, req.actor!, req.params.id) }));
  app.put('/api/campaigns/events/:id', { config: access, schema: { tags, params: idParams, body: eventInputSchema, response: { 200: eventAnswer } } },
    async (req) => ({ event: await editEvent(ctx, req.actor!, req.params.id, req.body, req.ip) }));
  app.post('/api/campaigns/events/:id/cancel', { config: access, schema: { tags, params: idParams, response: { 200: eventAnswer } } },
    async (req) => ({ event: await cancelEvent(ctx, req.actor!, req.params.id, req.ip) }));
  app.post('/api/campaigns/events/:id/registrations', {
    config: access, schema: { tags, params: idParams, body: registrationInputSchema, response: { 200: eventAnswer } },
  }, async (req) => ({ event: await register(ctx, req.actor!, req.params.id, req.body, req.ip) }));
  app.delete('/api/campaigns/events/:id/registrations/:registrationId', {
    config: access, schema: { tags, params: registrationParams, response: { 200: eventAnswer } },
  }, async (req) => ({ event: await unregister(ctx, req.actor!, req.params.id, req.params.registrationId, req.ip) }));

  app.get('/api/campaigns/:id', { config: access, schema: { tags, params: idParams, response: { 200: campaignAnswer } } },
    async (req) => ({ campaign: await readCampaign(ctx, req.actor!, req.params.id) }));
  app.put('/api/campaigns/:id', { config: access, schema: { tags, params: idParams, body: campaignInputSchema, response: { 200: campaignAnswer } } },
    async (req) => ({ campaign: await editCampaign(ctx, req.actor!, req.params.id, req.body, req.ip) }));
  app.post('/api/campaigns/:id/press-releases/:releaseId', { config: access, schema: { tags, params: releaseParams, response: { 200: campaignAnswer } } },
    async (req) => ({ campaign: await addPressRelease(ctx, req.actor!, req.params.id, req.params.releaseId, req.ip) }));
  app.delete('/api/campaigns/:id/press-releases/:releaseId', { config: access, schema: { tags, params: releaseParams, response: { 200: campaignAnswer } } },
    async (req) => ({ campaign: await removePressRelease(ctx, req.actor!, req.params.id, req.params.releaseId, req.ip) }));
};
