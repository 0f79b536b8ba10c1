import { Secret, TOTP } from 'otpauth';
import { onFirstUse } from '../on-first-use.js';

const loadQrCode = onFirstUse(async () => (await import('qrcode')).default);

/** RFC 6238 codes (30 s, 6 digits, SHA-1) as every authenticator app expects. */
function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: 'Vigie', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secretBase32: string, label: string): Promise<{ otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = totpFor(secretBase32, label).toString();
  const qrSvg = await (await loadQrCode()).toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { otpauthUrl, qrSvg };
}

/**
 * Accepts the current code and its neighbours (±30 s) for clock drift on old phones, but
 * never a code from a time step at or before `lastStep` (each code works once).
 * Returns the accepted time step to remember, or null.
 */
export function checkTotp(secretBase32: string, code: string, lastStep: number | null = null): number | null {
  const delta = totpFor(secretBase32, 'check').validate({ token: code, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / 30) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export function currentTotp(secretBase32: string): string {
  return totpFor(secretBase32, 'check').generate();
}
