import { z } from 'zod';
import { identityGrantViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { decideIdentityGrant, listIdentityGrants } from './grants.service.js';

export const identityGrantsRoutes: RouteModule = (app, ctx) => {
  // Administrators follow their requests; those who hold identities decide on them.
  app.get('/api/identity-grants', {
    config: { access: { kind: 'anyPermission', permissions: ['users.manage', 'invitations.manage', 'identities.read'] } },
    schema: { tags: ['users'], response: { 200: z.object({ grants: z.array(identityGrantViewSchema) }) } },
  }, async (req) => ({ grants: await listIdentityGrants(ctx, req.actor!) }));

  for (const [path, decision] of [['confirm', 'confirmed'], ['refuse', 'refused']] as const) {
    app.post(`/api/identity-grants/:id/${path}`, {
      config: { access: { kind: 'permission', permission: 'identities.read' } },
      schema: { tags: ['users'], params: z.object({ id: z.uuid() }), response: { 200: identityGrantViewSchema } },
    }, async (req) => decideIdentityGrant(ctx, req.actor!, req.params.id, decision, req.ip));
  }
};
