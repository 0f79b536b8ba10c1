import type { SessionView } from '@vigie/domain';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
export type OpenedSession = {
    token: string;
    expiresAt: Date;
    view: SessionView;
};
/** Opens a session for a user who just proved who they are (sign-in, set-up, invitation). */
export declare function openSession(ctx: AppContext, trx: Executor, userId: string): Promise<OpenedSession>;
