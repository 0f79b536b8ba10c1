import { boardHomeViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { boardHome } from './board-home.service.js';

/** The board's home: published outputs and association life, for those who run the association. */
export const boardHomeRoutes: RouteModule = (app, ctx) => {
  app.get('/api/association/board-home', {
    config: { access: { kind: 'permission', permission: 'association.manage' } },
    schema: {
      tags: ['association'], response: { 200: boardHomeViewSchema },
      description: 'Latest bulletins, press releases sent and annual reports; meetings to come, open actions, open job postings, overdue loans. A section the roles do not cover is null.',
    },
  }, async (req) => boardHome(ctx, req.actor!));
};
