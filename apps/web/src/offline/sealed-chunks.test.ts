import { describe, expect, it } from 'vitest';
import { incrementalSha256 } from './hash';
import { chunkAt, chunkCount, openChunk, readInChunks, sealChunk, type SealedChunk } from './sealed-chunks';

/** A long file kept on the phone in sealed chunks, hashed as it is read (issue 16, item 3). */

const dataKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
/** The reference: WebCrypto over the whole buffer (fine in a test, not for a 200 MB file on a phone). */
const sha256 = async (b: Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as BufferSource))].map((x) => x.toString(16).padStart(2, '0')).join('');
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

/** Bytes that never repeat a chunk, so a chunk in the wrong place would show. */
function bytesOf(size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) b[i] = (i * 2_654_435_761 >>> 13) & 0xff;
  return b;
}

/** A Blob that records the size of every read asked of it. */
function watchedFile(bytes: Uint8Array) {
  const reads: number[] = [];
  const blob = new Blob([bytes as BlobPart]);
  const file = { size: blob.size, slice: (a?: number, b?: number) => { const part = blob.slice(a, b); reads.push(part.size); return part; } } as unknown as Blob;
  return { file, reads };
}

describe('the incremental hash', () => {
  it('gives the SHA-256 of the whole, however the bytes are cut', async () => {
    const bytes = bytesOf(300_001);
    for (const cut of [1, 7, 4096, 65_536, 300_001]) {
      const h = await incrementalSha256();
      for (let i = 0; i < bytes.length; i += cut) h.update(bytes.subarray(i, i + cut));
      expect(h.hex()).toBe(await sha256(bytes));
    }
    expect((await incrementalSha256()).hex()).toBe(await sha256(new Uint8Array(0)));
  });
});

describe('keeping a file in sealed chunks', () => {
  const CHUNK = 64 * 1024;

  it('reads one chunk at a time, seals each, and hashes the whole as the server will', async () => {
    const bytes = bytesOf(5 * CHUNK + 123);
    const { file, reads } = watchedFile(bytes);
    const key = await dataKey();
    const kept = new Map<number, SealedChunk>();
    const progress: number[] = [];
    const digest = await readInChunks(file, CHUNK, async (n, chunk) => void kept.set(n, await sealChunk(key, 'f1', n, chunk as BufferSource)), (d) => progress.push(d));
    expect(digest).toBe(await sha256(bytes));
    // Never more than one chunk in memory: every read is one chunk, the last one shorter.
    expect(reads).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, CHUNK, 123]);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(kept.size).toBe(chunkCount(bytes.length, CHUNK));
    // Sealed: no chunk holds the file's bytes in clear.
    const first = new Uint8Array(kept.get(0)!.c);
    expect(contains(first, bytes.subarray(0, 32))).toBe(false);
    const opened = await Promise.all([...kept.keys()].sort((a, b) => a - b).map((n) => openChunk(key, 'f1', n, kept.get(n)!)));
    expect(await sha256(concat(opened))).toBe(await sha256(bytes));
  });

  it('refuses a chunk moved to another place or another file, or altered', async () => {
    const key = await dataKey();
    const a = await sealChunk(key, 'f1', 0, bytesOf(100) as BufferSource);
    await expect(openChunk(key, 'f1', 1, a)).rejects.toThrow();
    await expect(openChunk(key, 'f2', 0, a)).rejects.toThrow();
    const altered = new Uint8Array(a.c.slice(0));
    altered[3]! ^= 1;
    await expect(openChunk(key, 'f1', 0, { ...a, c: altered.buffer })).rejects.toThrow();
    await expect(openChunk(await dataKey(), 'f1', 0, a)).rejects.toThrow();
  });

  it('sends from whatever offset the server acknowledges, mid-chunk included, and the server gets the same bytes', async () => {
    const bytes = bytesOf(3 * CHUNK + 500);
    const key = await dataKey();
    const kept = new Map<number, SealedChunk>();
    await readInChunks(new Blob([bytes as BlobPart]), CHUNK, async (n, chunk) => void kept.set(n, await sealChunk(key, 'v', n, chunk as BufferSource)));
    // The server kept part of a chunk when the network dropped (tus-like): it answers an offset inside a chunk.
    const received: Uint8Array[] = [];
    let offset = 0;
    const drops = new Set([1]);
    for (let request = 0; offset < bytes.length; request += 1) {
      const { n, skip } = chunkAt(offset, CHUNK);
      const plain = await openChunk(key, 'v', n, kept.get(n)!);
      const body = plain.subarray(skip);
      const arrived = drops.has(request) ? body.subarray(0, 1000) : body;
      received.push(arrived);
      offset += arrived.length;
    }
    expect(offset).toBe(bytes.length);
    expect(await sha256(concat(received))).toBe(await sha256(bytes));
    expect(chunkAt(CHUNK + 1000, CHUNK)).toEqual({ n: 1, skip: 1000 });
  });
});
