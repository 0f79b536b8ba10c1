/** AES-256-GCM for small secrets stored in the database: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export declare function seal(key: Buffer, plaintext: string): string;
export declare function open(key: Buffer, sealed: string): string;
