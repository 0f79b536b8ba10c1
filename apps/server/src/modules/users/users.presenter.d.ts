import type { UserView } from '@vigie/domain';
import type { UserRow } from '../../platform/db/schema.js';
/** What may leave the server about an account: never the password hash or the TOTP secret. */
export declare function presentUser(u: UserRow): UserView;
/** The audit trail's picture of an account: the same whitelist, no secrets. */
export declare function auditUser(u: UserRow): {
    locale: string;
    id: string;
    email: string;
    displayName: string;
    role: "admin" | "coordinator" | "observer" | "legal" | "comms" | "volunteer" | "board" | "researcher";
    active: boolean;
    totpEnabled: boolean;
};
