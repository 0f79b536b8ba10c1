import { type Role } from '@vigie/domain';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/http/request-context.js';
export declare function inviteUser(ctx: AppContext, actor: Actor, input: {
    email: string;
    role: Role;
}, ip: string): Promise<{
    invitation: {
        id: string;
        email: string;
        role: "admin" | "coordinator" | "observer" | "legal" | "comms" | "volunteer" | "board" | "researcher";
        status: "pending" | "accepted" | "expired" | "revoked";
        expiresAt: string;
        createdAt: string;
    };
    link: string;
}>;
export declare function listOrganisationInvitations(ctx: AppContext, actor: Actor): Promise<{
    id: string;
    email: string;
    role: "admin" | "coordinator" | "observer" | "legal" | "comms" | "volunteer" | "board" | "researcher";
    status: "pending" | "accepted" | "expired" | "revoked";
    expiresAt: string;
    createdAt: string;
}[]>;
export declare function cancelInvitation(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<void>;
export declare function lookUpInvitation(ctx: AppContext, token: string): Promise<{
    email: string;
    role: Role;
    organisationName: string;
}>;
export declare function acceptInvitation(ctx: AppContext, input: {
    token: string;
    displayName: string;
    password: string;
}, ip: string): Promise<import("../auth/sessions.js").OpenedSession>;
