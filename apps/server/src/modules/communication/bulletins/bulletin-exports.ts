import { buffer } from 'node:stream/consumers';
import { bulletinDocument, type BulletinContent, type BulletinFormat, type BulletinLocale } from '@vigie/domain';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { bulletinHtml } from './render/bulletin-html.js';
import { bulletinMarkdown } from './render/bulletin-markdown.js';
import { bulletinPdf } from './render/bulletin-pdf.js';

/** The three exports of a bulletin, in one language, from its content and its photos' bytes. */

export const CONTENT_TYPES: Record<BulletinFormat, string> = {
  html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', pdf: 'application/pdf',
};

export type Publication = { publishedOn: string } | null;

export function renderBulletin(content: BulletinContent, locale: BulletinLocale, format: BulletinFormat, photos: Buffer[], publication: Publication): Buffer {
  const doc = bulletinDocument(content, locale, publication);
  const files = photos.map((_, i) => `photo-${i + 1}.jpg`);
  switch (format) {
    case 'pdf': return bulletinPdf(doc, photos);
    case 'html': return Buffer.from(bulletinHtml(doc, photos.map((p) => `data:image/jpeg;base64,${p.toString('base64')}`)), 'utf8');
    case 'md': return Buffer.from(bulletinMarkdown(doc, files), 'utf8');
  }
}

/**
 * The publication copies (metadata stripped by the evidence module), checked against the hash
 * recorded when they were made: a bulletin never prints a file that changed in storage.
 */
export async function readPhotos(storage: ObjectStorage, photos: Array<{ key: string; sha256: string }>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const p of photos) {
    const bytes = await buffer(await storage.get(p.key));
    if (sha256Hex(bytes) !== p.sha256) throw new Error(`Publication copy ${p.key} does not match its recorded hash`);
    out.push(bytes);
  }
  return out;
}

export function exportName(content: Pick<BulletinContent, 'area' | 'month'>, locale: BulletinLocale, format: BulletinFormat): string {
  return `bulletin-${content.area.code}-${content.month}-${locale}.${format}`;
}
