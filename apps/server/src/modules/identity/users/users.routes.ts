import { z } from 'zod';
import { displayNameSchema, localeSchema, passwordSchema, roleSchema, userRolesSchema, userViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { changePassword, changeUser, listOrganisationUsers, updateProfile } from './users.service.js';

const ok = z.object({ ok: z.literal(true) });

export const usersRoutes: RouteModule = (app, ctx) => {
  app.get('/api/users', {
    config: { access: { kind: 'permission', permission: 'users.manage' } },
    schema: { tags: ['users'], response: { 200: z.object({ users: z.array(userViewSchema) }) } },
  }, async (req) => ({ users: await listOrganisationUsers(ctx, req.actor!) }));

  app.patch('/api/users/:id', {
    config: { access: { kind: 'permission', permission: 'users.manage' } },
    schema: {
      tags: ['users'],
      params: z.object({ id: z.uuid() }),
      // `roles` replaces every role (the first becomes the primary one); `role` alone keeps the
      // older single-role form working and drops the additional roles.
      body: z.strictObject({ role: roleSchema.optional(), roles: userRolesSchema.optional(), active: z.boolean().optional() }),
      // grantPending: the new roles give access to identities and wait for a second person; the roles shown are unchanged.
      response: { 200: userViewSchema.extend({ grantPending: z.boolean() }) },
    },
  }, async (req) => changeUser(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.patch('/api/me', {
    config: { access: { kind: 'signed-in', duringEnrolment: true } },
    schema: {
      tags: ['users'],
      body: z.strictObject({ displayName: displayNameSchema.optional(), locale: localeSchema.optional() }),
      response: { 200: ok },
    },
  }, async (req) => {
    await updateProfile(ctx, req.actor!, req.body, req.ip);
    return { ok: true as const };
  });

  app.post('/api/me/password', {
    config: { access: { kind: 'signed-in' } },
    schema: {
      tags: ['users'],
      body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
      response: { 200: ok },
    },
  }, async (req) => {
    await changePassword(ctx, req.actor!, req.body.currentPassword, req.body.newPassword, req.ip);
    return { ok: true as const };
  });
};
