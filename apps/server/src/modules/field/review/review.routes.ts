import { reviewCountsViewSchema, reviewQueueViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { reviewCounts, reviewQueue } from './review.service.js';

export const reviewRoutes: RouteModule = (app, ctx) => {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  app.get('/api/review/queue', {
    config: verify,
    schema: { tags: ['review'], response: { 200: reviewQueueViewSchema } },
  }, async (req) => reviewQueue(ctx, req.actor!));

  // What the navigation shows beside "Review": how many records wait.
  app.get('/api/review/counts', {
    config: verify,
    schema: { tags: ['review'], response: { 200: reviewCountsViewSchema } },
  }, async (req) => reviewCounts(ctx, req.actor!));
};
