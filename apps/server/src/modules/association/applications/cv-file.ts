/// <reference path="./word-extractor.d.ts" />
import { spawn } from 'node:child_process';
import { unzipSync } from 'fflate';
import { loadFileType, onFirstUse } from '../../../platform/on-first-use.js';

const loadWordExtractor = onFirstUse(async () => (await import('word-extractor')).default);

/**
 * What a candidate's file really is, and its text. The type comes from the bytes (never the
 * name); ZIP-based formats (DOCX, ODT, PAGES) are opened with limits on entry count and
 * declared sizes so a zip bomb is refused rather than inflated.
 */
export const MAX_CV_BYTES = 5 * 1024 * 1024;
export type CvType = 'pdf' | 'doc' | 'docx' | 'odt' | 'pages';

const MAX_ENTRIES = 2000;
const MAX_INFLATED = 50 * 1024 * 1024;
const MAX_RATIO = 200;

export class UnsafeArchiveError extends Error {}

/** Opens only the wanted entries of a ZIP, refusing archives whose declared sizes are absurd. */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let entries = 0;
  let inflated = 0;
  return unzipSync(bytes, {
    filter: (f) => {
      entries += 1;
      inflated += f.originalSize;
      if (entries > MAX_ENTRIES || inflated > MAX_INFLATED || (f.size > 0 && f.originalSize / f.size > MAX_RATIO && f.originalSize > 1024 * 1024)) {
        throw new UnsafeArchiveError('archive too large once inflated');
      }
      return wanted(f.name);
    },
  });
}

function zipNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  readZipEntries(bytes, (name) => { names.push(name); return false; });
  return names;
}

/** Null when the bytes are none of the accepted formats (an executable renamed .pdf, an image…). */
export async function detectCvType(bytes: Buffer): Promise<CvType | null> {
  const { fileTypeFromBuffer } = await loadFileType();
  const found = await fileTypeFromBuffer(bytes);
  switch (found?.mime) {
    case 'application/pdf': return 'pdf';
    case 'application/x-cfb': return 'doc';
    // ZIP-based formats: walk the whole directory now, so a bomb is refused at the door, not in the job.
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zipNames(bytes); return 'docx';
    case 'application/vnd.oasis.opendocument.text': zipNames(bytes); return 'odt';
    case 'application/zip': {
      // A Pages document is a ZIP of IWA files with an Index/ folder; file-type names it only "zip".
      const names = zipNames(bytes);
      return names.some((n) => n.startsWith('Index/') && n.endsWith('.iwa')) ? 'pages' : null;
    }
    default: return null;
  }
}

/** Poppler's pdftotext, reading stdin, with a time limit: PDFs from outside can be hostile. */
export function pdfText(bytes: Uint8Array, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', ['-enc', 'UTF-8', '-', '-'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pdftotext exited with ${code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of an OOXML or ODF body: paragraphs become lines, tags go, entities are decoded. */
function xmlText(xml: string, paragraphEnd: RegExp): string {
  return decodeXml(xml.replace(paragraphEnd, '\n').replace(/<(w:tab|text:tab)\/>/g, '\t').replace(/<[^>]+>/g, '')).replace(/\n{3,}/g, '\n\n').trim();
}

export type Extraction = { status: 'done'; text: string } | { status: 'no_text'; note: string };

export async function extractText(type: CvType, bytes: Buffer): Promise<Extraction> {
  const done = (text: string): Extraction => (text.trim() ? { status: 'done', text: text.trim() } : { status: 'no_text', note: 'empty' });
  switch (type) {
    case 'pdf': return done(await pdfText(bytes));
    case 'docx': {
      const doc = readZipEntries(bytes, (n) => n === 'word/document.xml')['word/document.xml'];
      return doc ? done(xmlText(Buffer.from(doc).toString('utf8'), /<\/w:p>/g)) : { status: 'no_text', note: 'no_document_xml' };
    }
    case 'odt': {
      const content = readZipEntries(bytes, (n) => n === 'content.xml')['content.xml'];
      return content ? done(xmlText(Buffer.from(content).toString('utf8'), /<\/text:(p|h)>/g)) : { status: 'no_text', note: 'no_content_xml' };
    }
    case 'doc': {
      const extracted = await new (await loadWordExtractor())().extract(bytes);
      return done(extracted.getBody());
    }
    case 'pages': {
      // Pages has no public format (Snappy-compressed protobuf), but usually carries a preview PDF.
      const entries = readZipEntries(bytes, (n) => n === 'QuickLook/Preview.pdf' || n === 'preview.pdf');
      const preview = entries['QuickLook/Preview.pdf'] ?? entries['preview.pdf'];
      return preview ? done(await pdfText(preview)) : { status: 'no_text', note: 'no_preview' };
    }
  }
}
