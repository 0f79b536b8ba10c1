import { randomInt } from 'node:crypto';
import { WITHDRAWAL_CODE_ALPHABET, withdrawalCodeHashInput } from '@vigie/domain';
import { sha256Hex } from '../../../platform/crypto/tokens.js';

/**
 * The code on the person's card: 12 characters of Crockford base 32 (60 random bits), read and
 * typed by hand (a phone offline makes them the same way: `withdrawalCodeFrom`). Only its SHA-256 is stored, as for every link without an account; the typed
 * code is normalised first (case, dashes, O for 0, I or L for 1) so a misread card still works.
 */
export function newWithdrawalCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += WITHDRAWAL_CODE_ALPHABET[randomInt(WITHDRAWAL_CODE_ALPHABET.length)];
  return code;
}

export const withdrawalCodeHash = (typed: string) => sha256Hex(withdrawalCodeHashInput(typed));
