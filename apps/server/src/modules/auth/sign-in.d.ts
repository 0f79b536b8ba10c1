import type { AppContext } from '../../platform/context.js';
import { type OpenedSession } from './sessions.js';
import type { Actor } from '../../platform/http/request-context.js';
export type SignInInput = {
    email: string;
    password: string;
    totp?: string | undefined;
};
/**
 * Password, then the second factor when enabled. After LOGIN_MAX_FAILURES failures for an
 * address within LOGIN_LOCK_MINUTES, further attempts are refused without checking the
 * password, whichever IP they come from (IP-level limits are the rate limiter's job).
 */
export declare function signIn(ctx: AppContext, input: SignInInput, ip: string): Promise<OpenedSession>;
export declare function signOut(ctx: AppContext, actor: Actor, ip: string): Promise<void>;
