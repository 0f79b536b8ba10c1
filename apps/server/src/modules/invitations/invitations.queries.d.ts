import type { Executor } from '../../platform/db/database.js';
import type { InvitationRow } from '../../platform/db/schema.js';
export declare function insertInvitation(db: Executor, i: {
    organisationId: string;
    email: string;
    role: string;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
}): Promise<InvitationRow>;
/** A new invitation to an address replaces any still pending one: one live link per person. */
export declare function revokePendingInvitationsTo(db: Executor, email: string): Promise<InvitationRow[]>;
export declare function listInvitations(db: Executor): Promise<InvitationRow[]>;
export declare function findInvitationByTokenHash(db: Executor, tokenHash: string, lock?: boolean): Promise<{
    id: string;
    organisation_id: string;
    email: string;
    role: string;
    created_at: Date;
    token_hash: string;
    invited_by: string;
    expires_at: Date;
    accepted_at: Date | null;
    accepted_user_id: string | null;
    revoked_at: Date | null;
    organisation_name: string;
} | undefined>;
export declare function markInvitationAccepted(db: Executor, id: string, userId: string): Promise<void>;
export declare function revokeInvitation(db: Executor, id: string): Promise<InvitationRow | undefined>;
