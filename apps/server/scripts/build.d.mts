/** Types of build.mjs, for the TypeScript that imports it (the tests' global set-up). */
export declare const DIST: string;
export declare function isStale(): boolean;
export declare function build(options?: { quiet?: boolean }): Promise<void>;
export declare function ensureBuilt(options?: { quiet?: boolean }): Promise<void>;
