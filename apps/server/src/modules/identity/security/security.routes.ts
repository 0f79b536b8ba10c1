import { z } from 'zod';
import { roleSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { readSecurityPolicy, setSecurityPolicy } from './security.service.js';

const policy = z.object({ totpRequiredRoles: z.array(roleSchema) });

export const securityRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'security.manage' } } as const;
  app.get('/api/admin/security', { config: access, schema: { tags: ['admin'], response: { 200: policy } } },
    async (req) => readSecurityPolicy(ctx, req.actor!));
  app.put('/api/admin/security', {
    config: access,
    schema: { tags: ['admin'], body: z.strictObject({ totpRequiredRoles: z.array(roleSchema).max(8) }), response: { 200: policy } },
  }, async (req) => setSecurityPolicy(ctx, req.actor!, req.body.totpRequiredRoles, req.ip));
};
