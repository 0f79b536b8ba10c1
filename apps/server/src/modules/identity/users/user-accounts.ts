/**
 * What the other identity modules (sign-in, two-factor, password reset, invitations, set-up)
 * may do with accounts. The users module owns the `users` table: they come through here, never
 * through users.queries.ts (dependency rule no-foreign-queries), so this file lists every outside use.
 */
export { claimTotpStep, countActiveHoldersOf, countUsers, displayNamesOf, findUserByEmail, findUserById, insertUser, updateUser } from './users.queries.js';
