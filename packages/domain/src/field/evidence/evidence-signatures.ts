import { canonicalType } from './evidence-kinds.js';

/**
 * A first look at a file's bytes on the phone, before it is kept and sent: does its signature
 * say what its type (its name) says? It catches a program renamed "ordonnance.pdf" at once,
 * instead of after a long upload. Only a few bytes are read and only common signatures known:
 * when in doubt it answers `null` and the server decides — the server's detection (file-type,
 * evidence.intake.ts) is the one that counts.
 */
export const SIGNATURE_BYTES = 16;

type Signature = 'pdf' | 'jpeg' | 'png' | 'webp' | 'isobmff' | 'ebml' | 'ogg' | 'wav' | 'mp3' | 'flac' | 'amr' | 'aac' | 'zip' | 'program';

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

function signatureOf(b: Uint8Array): Signature | null {
  if (ascii(b, 0, '%PDF-')) return 'pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x89 && ascii(b, 1, 'PNG')) return 'png';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'wav';
  if (ascii(b, 4, 'ftyp')) return 'isobmff';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'ebml';
  if (ascii(b, 0, 'OggS')) return 'ogg';
  if (ascii(b, 0, 'fLaC')) return 'flac';
  if (ascii(b, 0, '#!AMR')) return 'amr';
  if (ascii(b, 0, 'ID3')) return 'mp3';
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0) return 'aac';
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) return 'mp3';
  if (ascii(b, 0, 'PK\u0003\u0004')) return 'zip';
  // Windows (MZ), Linux (ELF) and macOS (Mach-O) programs, and scripts.
  if (ascii(b, 0, 'MZ') || (b[0] === 0x7f && ascii(b, 1, 'ELF')) || ascii(b, 0, '#!')) return 'program';
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(((b[0] ?? 0) << 24 | (b[1] ?? 0) << 16 | (b[2] ?? 0) << 8 | (b[3] ?? 0)) >>> 0)) return 'program';
  return null;
}

const EXPECTED: Record<string, Signature> = {
  'application/pdf': 'pdf', 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp',
  'image/heic': 'isobmff', 'image/heif': 'isobmff', 'image/avif': 'isobmff',
  'video/mp4': 'isobmff', 'video/quicktime': 'isobmff', 'video/3gpp': 'isobmff', 'video/3gpp2': 'isobmff', 'video/x-m4v': 'isobmff',
  'audio/mp4': 'isobmff', 'audio/x-m4a': 'isobmff',
  'video/webm': 'ebml', 'audio/webm': 'ebml', 'video/matroska': 'ebml',
  'audio/ogg': 'ogg', 'audio/opus': 'ogg', 'audio/wav': 'wav', 'audio/mpeg': 'mp3', 'audio/flac': 'flac', 'audio/amr': 'amr', 'audio/aac': 'aac',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip', 'application/vnd.oasis.opendocument.text': 'zip',
};

/**
 * False when the first bytes are a known signature other than the type's (the content is not
 * what the name says); true when they match; null when this quick look cannot tell.
 */
export function signatureMatches(declaredType: string, firstBytes: Uint8Array): boolean | null {
  const expected = EXPECTED[canonicalType(declaredType)];
  const found = signatureOf(firstBytes);
  // No known signature (an old QuickTime .mov starting with `moov`, an MP3 with leading junk): no
  // verdict here, the server reads further. A program, or another kind of file, is a mismatch.
  if (!expected || found === null) return null;
  return found === expected;
}
