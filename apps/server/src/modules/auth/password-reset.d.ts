import type { AppContext } from '../../platform/context.js';
/** Always answers the same way, so the form cannot be used to find out who has an account. */
export declare function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void>;
export declare function confirmPasswordReset(ctx: AppContext, token: string, password: string, ip: string): Promise<void>;
