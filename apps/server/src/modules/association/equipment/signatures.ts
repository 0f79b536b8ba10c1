import { createHash } from 'node:crypto';
import { MIN_SIGNATURE_INK_PIXELS, type SignatureInput } from '@vigie/domain';
import { AppError } from '../../../platform/errors/catalogue.js';
import { loadSharp } from '../../../platform/on-first-use.js';

/**
 * A signature as the loan form prints it: the finger-drawn image re-encoded as a clean PNG (only
 * pixels, nothing else the client may have put in the file), or a typed name for those who sign
 * with the keyboard. An empty pad, a tap or a dot is refused: a form is never signed by nobody.
 */
export type Signature = { png: Buffer | null; typedName: string | null; sha256: string };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function readSignature(input: SignatureInput, who: 'borrower' | 'lender'): Promise<Signature> {
  if (input.drawnPng) {
    const sharp = await loadSharp();
    const bytes = Buffer.from(input.drawnPng, 'base64');
    if (bytes.length < 16 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new AppError('loan.signature_unreadable', { who });
    let raw: { data: Buffer; info: { width: number; height: number; channels: number } };
    try {
      const image = sharp(bytes, { limitInputPixels: 4_000_000 });
      raw = await image.clone().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    } catch {
      throw new AppError('loan.signature_unreadable', { who });
    }
    let ink = 0;
    const { data, info } = raw;
    for (let i = 0; i < data.length; i += info.channels) {
      // Ink: a visible pixel that is not near-white (the pad's background is transparent or white).
      if (data[i + 3]! > 64 && data[i]! + data[i + 1]! + data[i + 2]! < 600) ink += 1;
    }
    if (ink < MIN_SIGNATURE_INK_PIXELS) throw new AppError(who === 'borrower' ? 'loan.borrower_signature_empty' : 'loan.lender_signature_empty');
    const png = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 4 } }).png().toBuffer();
    return { png, typedName: null, sha256: createHash('sha256').update(png).digest('hex') };
  }
  const typed = input.typedName?.trim();
  if (typed) return { png: null, typedName: typed, sha256: createHash('sha256').update(`typed:${typed}`).digest('hex') };
  throw new AppError(who === 'borrower' ? 'loan.borrower_signature_empty' : 'loan.lender_signature_empty');
}
