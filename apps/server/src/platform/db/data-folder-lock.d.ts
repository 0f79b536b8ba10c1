export declare class DataFolderLockedError extends Error {
    readonly folder: string;
    constructor(folder: string);
}
export declare function lockDataFolder(folder: string): Promise<() => Promise<void>>;
