import type { CurrentUser, Locale, Permission } from '@vigie/domain';
import type { SessionUser } from '../auth/session-store.js';
/** Who is calling: the signed-in user as every service sees it. */
export type Actor = SessionUser & {
    mustEnrolTotp: boolean;
};
/**
 * How a route may be reached. Every /api route must declare one (checked at start-up), and
 * the authorization test walks all routes against this declaration and the permission table.
 */
export type Access = {
    kind: 'public';
} | {
    kind: 'signed-in';
    duringEnrolment?: boolean;
} | {
    kind: 'permission';
    permission: Permission;
};
declare module 'fastify' {
    interface FastifyRequest {
        locale: Locale;
        actor: Actor | null;
    }
    interface FastifyContextConfig {
        access?: Access;
    }
}
export declare function toActor(s: SessionUser): Actor;
export declare function presentCurrentUser(a: Actor): CurrentUser;
