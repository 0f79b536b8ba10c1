import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError } from '../errors/catalogue.js';

/**
 * The one way Vigie reads a ZIP from outside (evidence bundles in the verifier, XLSX imports,
 * later DOCX/ODT). A ZIP has two descriptions of its content — the local headers, read front to
 * back by streaming readers, and the central directory, read by most others — and an attacker
 * can make them disagree so that two tools see two different archives. This reader refuses any
 * archive that is not read identically both ways:
 * - every byte from offset 0 to the central directory belongs to exactly one listed entry
 *   (so no local entry hides outside the central directory, and no central record points to
 *   nothing or to another's data), and the directory holds exactly the declared records;
 * - each local header repeats its central record (name, method, sizes, CRC);
 * - names are unique, UTF-8, relative, without `..`, backslashes or control characters;
 * - while streaming, each entry's size and CRC must be the declared ones, and the declared sizes
 *   must fit the caps (entry count, total decompressed bytes, per-entry bytes, ratio) before
 *   a single byte is inflated. yauzl (lazy mode) parses and inflates; this file adds the checks.
 */
export type ZipLimits = {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Decompressed / compressed, checked on entries larger than RATIO_FLOOR_BYTES. */
  maxRatio: number;
};

export type ZipRefusalReason =
  | 'not_zip' | 'damaged' | 'duplicate_name' | 'unsafe_name' | 'hidden_data' | 'header_mismatch'
  | 'size_mismatch' | 'too_many_entries' | 'too_large' | 'ratio' | 'unsupported';

export class ZipRefusal extends Error {
  constructor(readonly reason: ZipRefusalReason, readonly entryName?: string, detail?: string) {
    super(`${reason}${entryName === undefined ? '' : ` (${JSON.stringify(entryName)})`}${detail ? `: ${detail}` : ''}`);
  }
}

export type SafeEntry = { name: string; compressedSize: number; size: number; crc32: number; raw: yauzl.Entry };

const RATIO_FLOOR_BYTES = 1 << 20;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const UNICODE_PATH_EXTRA = 0x7075;

/** Control characters (C0, DEL, C1) and the Unicode bidirectional overrides that disguise names. */
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\]/;

export function checkEntryName(name: string): void {
  if (name.length === 0 || UNSAFE_NAME_CHARS.test(name)) throw new ZipRefusal('unsafe_name', name);
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw new ZipRefusal('unsafe_name', name);
  if (name.split('/').some((part) => part === '..' || part === '.')) throw new ZipRefusal('unsafe_name', name);
}

function decodeName(raw: Buffer): string {
  try {
    // Only UTF-8 (ASCII included): CP437 names are read differently by different tools.
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new ZipRefusal('unsafe_name', raw.toString('latin1'));
  }
}

async function readAt(zip: yauzl.ZipFile, offset: number, length: number): Promise<Buffer> {
  const reader = (zip as unknown as { reader: { read?: unknown; createReadStream: (o: { start: number; end: number }) => Readable } }).reader;
  const chunks: Buffer[] = [];
  for await (const chunk of reader.createReadStream({ start: offset, end: offset + length })) chunks.push(chunk as Buffer);
  const out = Buffer.concat(chunks);
  if (out.length !== length) throw new ZipRefusal('damaged', undefined, 'unexpected end of file');
  return out;
}

async function startsLikeZip(source: Buffer | string): Promise<boolean> {
  let head: Buffer;
  if (typeof source === 'string') {
    const file = await open(source, 'r');
    try {
      head = Buffer.alloc(4);
      await file.read(head, 0, 4, 0);
    } finally {
      await file.close();
    }
  } else head = source.subarray(0, 4);
  return head.length === 4 && head.readUInt32LE(0) === LOCAL_SIG;
}

export class SafeZip {
  private constructor(private readonly zip: yauzl.ZipFile, readonly entries: SafeEntry[], private readonly limits: ZipLimits) {}

  static async open(source: Buffer | string, limits: ZipLimits): Promise<SafeZip> {
    const options: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };
    let zip: yauzl.ZipFile;
    try {
      zip = typeof source === 'string' ? await yauzl.openPromise(source, options) : await yauzl.fromBufferPromise(source, options);
    } catch (err) {
      const message = (err as Error).message;
      if (/ENOENT|EACCES|EISDIR/.test(message)) throw err;
      // Starts like a ZIP but has no end record: truncated (an interrupted download), not foreign.
      const notZip = /signature not found/.test(message) && !(await startsLikeZip(source));
      throw new ZipRefusal(notZip ? 'not_zip' : 'damaged', undefined, message);
    }
    try {
      const entries = await SafeZip.readDirectory(zip, limits);
      await SafeZip.checkLayout(zip, entries);
      return new SafeZip(zip, entries, limits);
    } catch (err) {
      zip.close();
      if (err instanceof ZipRefusal) throw err;
      const message = (err as Error).message;
      throw new ZipRefusal(/size mismatch/.test(message) ? 'size_mismatch' : /relative path|absolute path|invalid characters/.test(message) ? 'unsafe_name' : 'damaged', undefined, message);
    }
  }

  private static async readDirectory(zip: yauzl.ZipFile, limits: ZipLimits): Promise<SafeEntry[]> {
    if (zip.entryCount > limits.maxEntries) throw new ZipRefusal('too_many_entries', undefined, String(zip.entryCount));
    const entries: SafeEntry[] = [];
    const names = new Set<string>();
    let total = 0;
    for await (const raw of zip.eachEntry() as AsyncIterable<yauzl.Entry>) {
      const name = decodeName(raw.fileName as unknown as Buffer);
      for (const extra of raw.extraFields) {
        // A second, "Unicode" name some tools prefer to the first one: two names, two archives.
        if (extra.id === UNICODE_PATH_EXTRA) throw new ZipRefusal('unsafe_name', name, 'second name in extra field');
      }
      checkEntryName(name);
      // Case-folded too: on Windows and macOS "A.jpg" and "a.jpg" are one file.
      const key = name.normalize('NFC').toLowerCase();
      if (names.has(key)) throw new ZipRefusal('duplicate_name', name);
      names.add(key);
      if (raw.isEncrypted()) throw new ZipRefusal('unsupported', name, 'encrypted');
      if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8) throw new ZipRefusal('unsupported', name, `method ${raw.compressionMethod}`);
      if (raw.compressionMethod === 0 && raw.compressedSize !== raw.uncompressedSize) throw new ZipRefusal('size_mismatch', name);
      if (raw.uncompressedSize > limits.maxEntryBytes) throw new ZipRefusal('too_large', name);
      total += raw.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new ZipRefusal('too_large', name);
      if (raw.uncompressedSize > RATIO_FLOOR_BYTES && raw.uncompressedSize > limits.maxRatio * Math.max(raw.compressedSize, 1)) {
        throw new ZipRefusal('ratio', name);
      }
      entries.push({ name, compressedSize: raw.compressedSize, size: raw.uncompressedSize, crc32: raw.crc32, raw });
    }
    return entries;
  }

  /** Every byte before the central directory belongs to exactly one entry, in one order. */
  private static async checkLayout(zip: yauzl.ZipFile, entries: SafeEntry[]): Promise<void> {
    const internals = zip as unknown as { readEntryCursor: number; fileSize: number; comment: Buffer };
    const spans: Array<{ start: number; end: number; name: string }> = [];
    for (const entry of entries) {
      const start = entry.raw.relativeOffsetOfLocalHeader;
      const fixed = await readAt(zip, start, 30);
      if (fixed.readUInt32LE(0) !== LOCAL_SIG) throw new ZipRefusal('hidden_data', entry.name, 'central record points to no local entry');
      const flags = fixed.readUInt16LE(6);
      const nameLength = fixed.readUInt16LE(26);
      const extraLength = fixed.readUInt16LE(28);
      const localName = await readAt(zip, start + 30, nameLength);
      if (!localName.equals(entry.raw.fileName as unknown as Buffer)) throw new ZipRefusal('header_mismatch', entry.name, 'local name differs');
      if (fixed.readUInt16LE(8) !== entry.raw.compressionMethod || (flags & 0x8) !== (entry.raw.generalPurposeBitFlag & 0x8)) {
        throw new ZipRefusal('header_mismatch', entry.name);
      }
      const dataStart = start + 30 + nameLength + extraLength;
      let end = dataStart + entry.compressedSize;
      const zip64 = entry.compressedSize >= 0xffffffff || entry.size >= 0xffffffff;
      if (flags & 0x8) {
        // Sizes follow the data in a descriptor (streaming writers): it must agree too.
        const probe = await readAt(zip, end, Math.min(24, internals.fileSize - end));
        const signed = probe.length >= 4 && probe.readUInt32LE(0) === DESCRIPTOR_SIG ? 4 : 0;
        const width = zip64 ? 8 : 4;
        const length = signed + 4 + 2 * width;
        if (probe.length < length) throw new ZipRefusal('damaged', entry.name);
        const crc = probe.readUInt32LE(signed);
        const compressed = Number(width === 8 ? probe.readBigUInt64LE(signed + 4) : probe.readUInt32LE(signed + 4));
        const size = Number(width === 8 ? probe.readBigUInt64LE(signed + 4 + width) : probe.readUInt32LE(signed + 4 + width));
        if (crc !== entry.crc32 || compressed !== entry.compressedSize || size !== entry.size) throw new ZipRefusal('size_mismatch', entry.name);
        end += length;
      } else if (!zip64) {
        if (fixed.readUInt32LE(14) !== entry.crc32 || fixed.readUInt32LE(18) !== entry.compressedSize || fixed.readUInt32LE(22) !== entry.size) {
          throw new ZipRefusal('size_mismatch', entry.name);
        }
      }
      spans.push({ start, end, name: entry.name });
    }
    spans.sort((a, b) => a.start - b.start);
    let cursor = 0;
    for (const span of spans) {
      if (span.start !== cursor) throw new ZipRefusal('hidden_data', span.name, span.start < cursor ? 'entries overlap' : `unlisted bytes at ${cursor}`);
      cursor = span.end;
    }
    const directoryStart = SafeZip.directoryStart(entries, internals);
    if (cursor !== directoryStart) throw new ZipRefusal('hidden_data', undefined, `unlisted bytes at ${cursor}`);
    // After the last declared record comes the end record: no undeclared central records.
    const directoryEnd = internals.fileSize - 22 - internals.comment.length;
    const zip64Records = internals.readEntryCursor === directoryEnd ? 0 : 56 + 20;
    if (internals.readEntryCursor + zip64Records !== directoryEnd) throw new ZipRefusal('hidden_data', undefined, 'unlisted central records');
  }

  private static directoryStart(entries: SafeEntry[], internals: { readEntryCursor: number }): number {
    // The central directory is the records yauzl just read: it ends at readEntryCursor and
    // holds 46 bytes plus name, extra and comment per record.
    let size = 0;
    for (const e of entries) size += 46 + e.raw.fileNameLength + e.raw.extraFieldLength + e.raw.fileCommentLength;
    return internals.readEntryCursor - size;
  }

  /**
   * The decompressed bytes of one entry as a stream: yauzl stops it as soon as it passes the
   * declared size (already within the caps), and the CRC is checked at its end.
   */
  async stream(entry: SafeEntry): Promise<Readable> {
    let inner: Readable;
    try {
      inner = await this.zip.openReadStreamPromise(entry.raw);
    } catch (err) {
      throw new ZipRefusal('damaged', entry.name, (err as Error).message);
    }
    let crc = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) { crc = crc32(chunk, crc); done(null, chunk); },
      flush(done) { done(crc >>> 0 === entry.crc32 >>> 0 ? null : new ZipRefusal('size_mismatch', entry.name, 'CRC differs')); },
    });
    inner.on('error', (err) => check.destroy(err instanceof ZipRefusal ? err : new ZipRefusal(/bytes in the stream/.test(err.message) ? 'size_mismatch' : 'damaged', entry.name, err.message)));
    return inner.pipe(check);
  }

  /** Whole entry in memory, for small ones (manifests, XML parts); refused above `maxBytes`. */
  async read(entry: SafeEntry, maxBytes: number): Promise<Buffer> {
    if (entry.size > maxBytes) throw new ZipRefusal('too_large', entry.name);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Reads every entry through the checks, for intakes that hand the archive to another library. */
  async checkAll(): Promise<void> {
    for (const entry of this.entries) {
      await pipeline(await this.stream(entry), new Transform({ transform(_c, _e, done) { done(); } }));
    }
  }

  find(name: string): SafeEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  close() {
    this.zip.close();
  }

  get limitsInUse(): ZipLimits { return this.limits; }
}

/** Opens, checks every entry while streaming, closes: the archive can then be read by anyone. */
export async function inspectZip(source: Buffer | string, limits: ZipLimits): Promise<SafeEntry[]> {
  const zip = await SafeZip.open(source, limits);
  try {
    await zip.checkAll();
    return zip.entries;
  } finally {
    zip.close();
  }
}

/** The user's words for a refusal at the HTTP edge: a bomb is "too large", the rest "unsafe". */
export function archiveRefused(err: ZipRefusal): AppError {
  if (err.reason === 'too_large' || err.reason === 'too_many_entries' || err.reason === 'ratio') return new AppError('archive.too_large', { reason: err.reason });
  if (err.reason === 'damaged' || err.reason === 'not_zip') return new AppError('archive.damaged', { reason: err.reason });
  return new AppError('archive.unsafe', { reason: err.reason });
}
