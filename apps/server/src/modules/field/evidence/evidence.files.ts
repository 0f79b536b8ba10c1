import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { EvidenceRow } from './evidence.table.js';

/** Where an evidence file's encrypted original and its publication copy are stored, and how a file is hashed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export const originalKey = (e: EvidenceRow) => `originals/${e.organisation_id}/${e.id}`;
export const publicCopyKey = (e: EvidenceRow) => `public/${e.organisation_id}/${e.id}.jpg`;
