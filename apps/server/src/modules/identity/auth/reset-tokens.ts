/**
 * The auth module's password-reset tokens as the users module needs them (a deactivated or
 * re-passworded account loses its pending resets). Published here rather than through auth.queries.ts.
 */
export { expirePasswordResetsOfUser } from './auth.queries.js';
