import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/http/request-context.js';
/** Step 1: a fresh secret, stored encrypted but not yet active until a code proves the phone has it. */
export declare function beginTotpEnrolment(ctx: AppContext, actor: Actor): Promise<{
    secret: string;
    otpauthUrl: string;
    qrSvg: string;
}>;
export declare function confirmTotpEnrolment(ctx: AppContext, actor: Actor, code: string, ip: string): Promise<void>;
export declare function disableTotp(ctx: AppContext, actor: Actor, code: string, ip: string): Promise<void>;
