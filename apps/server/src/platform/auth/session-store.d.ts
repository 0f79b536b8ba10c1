import type { Role } from '@vigie/domain';
import type { Executor } from '../db/database.js';
/** SQL for sessions. Runs outside any organisation scope: a session tells us the organisation. */
export type SessionUser = {
    tokenHash: string;
    csrfToken: string;
    userId: string;
    organisationId: string;
    organisationName: string;
    email: string;
    displayName: string;
    role: Role;
    locale: 'fr' | 'en';
    totpEnabled: boolean;
    totpRequiredRoles: string[];
};
export declare function insertSession(db: Executor, s: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
}): Promise<void>;
export declare function findLiveSession(db: Executor, tokenHash: string): Promise<SessionUser | undefined>;
export declare function deleteSession(db: Executor, tokenHash: string): Promise<void>;
export declare function deleteSessionsOfUser(db: Executor, userId: string, except?: string): Promise<void>;
export declare function deleteExpiredSessions(db: Executor): Promise<void>;
