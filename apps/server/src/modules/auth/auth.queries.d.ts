import type { Executor } from '../../platform/db/database.js';
export declare function recentFailures(db: Executor, email: string, since: Date): Promise<{
    count: number;
    oldest: Date | null;
}>;
export declare function recordFailure(db: Executor, email: string, ip: string): Promise<void>;
export declare function clearFailures(db: Executor, email: string): Promise<void>;
export declare function insertPasswordReset(db: Executor, r: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
}): Promise<void>;
/** Locks the reset row so that one link resets one password, even when clicked twice. */
export declare function takePasswordReset(db: Executor, tokenHash: string): Promise<{
    created_at: Date;
    token_hash: string;
    expires_at: Date;
    user_id: string;
    used_at: Date | null;
} | undefined>;
/** After any password change, every reset link still pending for the account stops working. */
export declare function expirePasswordResetsOfUser(db: Executor, userId: string): Promise<void>;
export declare function markPasswordResetUsed(db: Executor, tokenHash: string): Promise<void>;
