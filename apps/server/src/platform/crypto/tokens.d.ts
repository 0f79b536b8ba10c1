/** Unguessable tokens for sessions, invitations and resets; only their SHA-256 is stored. */
export declare function randomToken(bytes?: number): string;
export declare function sha256Hex(value: string | Buffer): string;
export declare function safeEqual(a: string, b: string): boolean;
