import type { Role } from '@vigie/domain';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/http/request-context.js';
export declare function readSecurityPolicy(ctx: AppContext, actor: Actor): Promise<{
    totpRequiredRoles: Role[];
}>;
/** Roles listed here must enrol a second factor before doing anything else (checked per request). */
export declare function setSecurityPolicy(ctx: AppContext, actor: Actor, totpRequiredRoles: Role[], ip: string): Promise<{
    totpRequiredRoles: Role[];
}>;
