import type { BulletinDocument } from '@vigie/domain';
import { renderTypstPdf } from '../../../../platform/pdf/typst.js';
import { bulletinTypst } from './bulletin-typst.js';

/**
 * The bulletin as an A4 PDF, typeset by Typst without a browser. Photos are handed to the
 * compiler as in-memory files (platform/pdf/typst.ts), never written to disk.
 */
export function bulletinPdf(doc: BulletinDocument, photos: Buffer[]): Buffer {
  const files = photos.map((_, i) => `photo-${i + 1}.jpg`);
  return renderTypstPdf(bulletinTypst(doc, files), {}, Object.fromEntries(photos.map((bytes, i) => [files[i]!, bytes])));
}
