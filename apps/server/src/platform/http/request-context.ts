import type { CurrentUser, Locale, Permission } from '@vigie/domain';
import { permissionsOf } from '@vigie/domain';
import type { SessionUser } from '../auth/session-store.js';

/** Who is calling: the signed-in user as every service sees it. */
export type Actor = SessionUser & { mustEnrolTotp: boolean };

/**
 * How a route may be reached. `rowLevel` marks a route that shows individual records (drill-down,
 * exports, record pages): on top of its permission, the caller needs field access
 * (`records.read`), otherwise the refusal is `auth.aggregates_only` — researchers see aggregates only. Every /api route must declare one (checked at start-up), and
 * the authorization test walks all routes against this declaration and the permission table.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in'; duringEnrolment?: boolean }
  | { kind: 'permission'; permission: Permission; rowLevel?: true }
  /** Any one of several permissions (the public figures page: communication pole or administrator). */
  | { kind: 'anyPermission'; permissions: readonly Permission[] };

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function toActor(s: SessionUser): Actor {
  return { ...s, mustEnrolTotp: s.roles.some((r) => s.totpRequiredRoles.includes(r)) && !s.totpEnabled };
}

export function presentCurrentUser(a: Actor): CurrentUser {
  return {
    id: a.userId,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    roles: a.roles,
    locale: a.locale,
    totpEnabled: a.totpEnabled,
    mustEnrolTotp: a.mustEnrolTotp,
    organisationId: a.organisationId,
    organisationName: a.organisationName,
    permissions: permissionsOf(a.roles),
  };
}
