export declare function newTotpSecret(): string;
export declare function totpEnrolment(secretBase32: string, label: string): Promise<{
    otpauthUrl: string;
    qrSvg: string;
}>;
/**
 * Accepts the current code and its neighbours (±30 s) for clock drift on old phones, but
 * never a code from a time step at or before `lastStep` (each code works once).
 * Returns the accepted time step to remember, or null.
 */
export declare function checkTotp(secretBase32: string, code: string, lastStep?: number | null): number | null;
export declare function currentTotp(secretBase32: string): string;
