import type { Locale, Role } from '@vigie/domain';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/http/request-context.js';
export declare function listOrganisationUsers(ctx: AppContext, actor: Actor): Promise<{
    id: string;
    email: string;
    displayName: string;
    role: "admin" | "coordinator" | "observer" | "legal" | "comms" | "volunteer" | "board" | "researcher";
    active: boolean;
    totpEnabled: boolean;
    createdAt: string;
}[]>;
export declare function changeUser(ctx: AppContext, actor: Actor, id: string, changes: {
    role?: Role | undefined;
    active?: boolean | undefined;
}, ip: string): Promise<{
    id: string;
    email: string;
    displayName: string;
    role: "admin" | "coordinator" | "observer" | "legal" | "comms" | "volunteer" | "board" | "researcher";
    active: boolean;
    totpEnabled: boolean;
    createdAt: string;
}>;
export declare function updateProfile(ctx: AppContext, actor: Actor, changes: {
    displayName?: string | undefined;
    locale?: Locale | undefined;
}, ip: string): Promise<void>;
export declare function changePassword(ctx: AppContext, actor: Actor, current: string, next: string, ip: string): Promise<void>;
