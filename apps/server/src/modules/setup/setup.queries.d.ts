import type { Executor } from '../../platform/db/database.js';
export declare function saveSetupCode(db: Executor, codeHash: string): Promise<void>;
export declare function lockSetupCode(db: Executor): Promise<string | undefined>;
export declare function deleteSetupCode(db: Executor): Promise<void>;
export declare function insertOrganisation(db: Executor, name: string): Promise<string>;
