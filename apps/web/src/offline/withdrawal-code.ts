import { withdrawalCodeFrom, withdrawalCodeHashInput } from '@vigie/domain/rules';

/**
 * A testimony's withdrawal code made on the phone, offline (issue 16): 12 bytes from WebCrypto's
 * random generator in the server's format (60 random bits, Crockford base 32), and the SHA-256
 * the server stores. The code is only shown on the card; the phone keeps and sends the hash
 * alone, so a seized phone cannot be used to withdraw someone's testimony.
 */
export async function newWithdrawalCode(): Promise<{ code: string; hash: string }> {
  const code = withdrawalCodeFrom(crypto.getRandomValues(new Uint8Array(12)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(withdrawalCodeHashInput(code)));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { code, hash };
}
