import { z } from 'zod';
import { invitationAcceptSchema, invitationCreateSchema, invitationViewSchema, roleSchema, sessionSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { setSessionCookie } from '../../../platform/http/authentication.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { acceptInvitation, cancelInvitation, inviteUser, listOrganisationInvitations, lookUpInvitation } from './invitations.service.js';

export const invitationsRoutes: RouteModule = (app, ctx) => {
  const secure = ctx.config.publicUrl.startsWith('https:');
  const manage = { access: { kind: 'permission', permission: 'invitations.manage' } } as const;

  app.get('/api/invitations', {
    config: manage,
    schema: { tags: ['invitations'], response: { 200: z.object({ invitations: z.array(invitationViewSchema) }) } },
  }, async (req) => ({ invitations: await listOrganisationInvitations(ctx, req.actor!) }));

  app.post('/api/invitations', {
    config: manage,
    schema: {
      tags: ['invitations'], body: invitationCreateSchema,
      // confirmationPending: the invitation gives access to identities and waits for a second person.
      response: { 201: z.object({ invitation: invitationViewSchema, link: z.string(), confirmationPending: z.boolean() }) },
    },
  }, async (req, reply) => reply.status(201).send(await inviteUser(ctx, req.actor!, req.body, req.ip)));

  app.delete('/api/invitations/:id', {
    config: manage,
    schema: { tags: ['invitations'], params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await cancelInvitation(ctx, req.actor!, req.params.id, req.ip);
    return reply.status(204).send(null);
  });

  // Unauthenticated, and acceptance hashes a password: limited per address.
  rateLimited(app, ctx, (limited) => {
    limited.get('/api/invitations/lookup', {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['invitations'], querystring: z.object({ token: z.string().min(16).max(200) }),
        response: { 200: z.object({ email: z.string(), role: roleSchema, organisationName: z.string() }) },
      },
    }, async (req) => lookUpInvitation(ctx, req.query.token));

    limited.post('/api/invitations/accept', {
      config: { access: { kind: 'public' } },
      schema: { tags: ['invitations'], body: invitationAcceptSchema, response: { 200: sessionSchema } },
    }, async (req, reply) => {
      const opened = await acceptInvitation(ctx, req.body, req.ip);
      setSessionCookie(reply, opened.token, opened.expiresAt, secure);
      return opened.view;
    });
  });
};
