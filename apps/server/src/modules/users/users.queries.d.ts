import type { Executor } from '../../platform/db/database.js';
import type { NewUser, UserRow, UserUpdate } from '../../platform/db/schema.js';
export declare function countUsers(db: Executor): Promise<number>;
export declare function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined>;
export declare function findUserById(db: Executor, id: string): Promise<UserRow | undefined>;
export declare function insertUser(db: Executor, user: NewUser): Promise<UserRow>;
export declare function updateUser(db: Executor, id: string, changes: UserUpdate): Promise<UserRow | undefined>;
/** Records a used TOTP time step unless that step (or a later one) was already used. */
export declare function claimTotpStep(db: Executor, id: string, step: number): Promise<boolean>;
export declare function listUsers(db: Executor): Promise<UserRow[]>;
