import { z } from 'zod';
import { PERMISSIONS, ROLES } from './roles.js';

/** Shapes exchanged over HTTP for accounts; the server validates with them and the web app types with them. */
export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSIONS);

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** 12 characters minimum: long passphrases beat complexity rules (NIST SP 800-63B). */
export const passwordSchema = z.string().min(12).max(256);
export const displayNameSchema = z.string().trim().min(1).max(120);
export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/);

export const currentUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  /** The primary role (shown first); `roles` holds every role, permissions are their union. */
  role: roleSchema,
  roles: z.array(roleSchema),
  locale: localeSchema,
  totpEnabled: z.boolean(),
  /** True when the role requires two-factor and the user has not enrolled yet: only enrolment is allowed. */
  mustEnrolTotp: z.boolean(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  permissions: z.array(permissionSchema),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const sessionSchema = z.object({ user: currentUserSchema, csrfToken: z.string() });
export type SessionView = z.infer<typeof sessionSchema>;

/** An organisation's address name (its public pages: `/api/public/<slug>/…`), as the database checks it. */
export const organisationSlugSchema = z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/);
export const organisationNameSchema = z.string().trim().min(1).max(200);

/** Another organisation in the same deployment, with the address of its first administrator (`vigie organisation create`). */
export const organisationCreateSchema = z.strictObject({
  name: organisationNameSchema,
  slug: organisationSlugSchema,
  email: emailSchema,
});
export type OrganisationCreate = z.infer<typeof organisationCreateSchema>;

export const setupBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(200),
  organisationName: organisationNameSchema,
  displayName: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
  locale: localeSchema.optional(),
});

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(256),
  totp: totpCodeSchema.optional(),
});

export const invitationCreateSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
});

export const invitationAcceptSchema = z.strictObject({
  token: z.string().min(16).max(200),
  displayName: displayNameSchema,
  password: passwordSchema,
});

export const userViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roles: z.array(roleSchema),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userViewSchema>;

/** A person's roles as an administrator edits them: at least one, each once; the first is the primary role. */
export const userRolesSchema = z.array(roleSchema).min(1).max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'duplicate role' });

export const invitationViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/**
 * A request to give someone access to identities (a role carrying identities.read), by invitation
 * or by a role change, as the people who confirm it see it: who asked, for whom, which roles.
 */
export const identityGrantViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['invitation', 'role_change']),
  email: z.string(),
  displayName: z.string().nullable(),
  roles: z.array(roleSchema),
  status: z.enum(['pending', 'confirmed', 'refused', 'withdrawn']),
  requestedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  requestedAt: z.string(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  /** Whether the person reading may confirm or refuse it (a coordinator or legal member other than the requester). */
  mayDecide: z.boolean(),
});
export type IdentityGrantView = z.infer<typeof identityGrantViewSchema>;
