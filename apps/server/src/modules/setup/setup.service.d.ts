import type { Locale } from '@vigie/domain';
import type { AppContext } from '../../platform/context.js';
import { type OpenedSession } from '../auth/sessions.js';
/**
 * First run: while no account exists, a one-time code is generated at start-up and printed
 * once in the server console; whoever holds it creates the organisation and its first admin.
 * Only the code's hash is stored, and a new start replaces it.
 */
export declare function prepareFirstRun(ctx: AppContext): Promise<string | null>;
export declare function needsSetup(ctx: AppContext): Promise<boolean>;
export type SetupInput = {
    code: string;
    organisationName: string;
    displayName: string;
    email: string;
    password: string;
    locale?: Locale | undefined;
};
export declare function completeSetup(ctx: AppContext, input: SetupInput, ip: string): Promise<OpenedSession>;
