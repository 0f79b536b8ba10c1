/**
 * The server's 32-byte secret key (encrypts two-factor secrets now, evidence later).
 * It comes from SECRET_KEY; a single-machine install without it gets one generated once in
 * the data folder (mode 0600), which must then be backed up with the data.
 */
export declare function loadServerKey(configured: string | undefined, dataDir: string): Buffer;
