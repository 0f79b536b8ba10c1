import { describe, expect, it } from 'vitest';
import { normaliseWithdrawalCode, withdrawalCodeHashInput } from '@vigie/domain/rules';
import { newWithdrawalCode } from './withdrawal-code';

describe('withdrawal code made on the phone', () => {
  it('has the server format and the hash the server computes for the typed card', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const { code, hash } = await newWithdrawalCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(normaliseWithdrawalCode(code)).toBe(code);
      // What the server hashes when the person types the card, dashes and lower case included.
      const typed = code.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(withdrawalCodeHashInput(typed)));
      expect(hash).toBe([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
      seen.add(code);
    }
    expect(seen.size).toBe(50);
    // The server's hash of a fixed card (sha256 of "testimony-withdrawal:K7QM2XRD9TBW"), so the two sides cannot drift apart.
    expect(withdrawalCodeHashInput('k7qm-2xrd-9tbw')).toBe('testimony-withdrawal:K7QM2XRD9TBW');
  });
});
