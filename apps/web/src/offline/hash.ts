/**
 * SHA-256 fed piece by piece. WebCrypto only hashes a whole buffer, which for a long video would
 * mean the whole file in memory; @noble/hashes (audited, no dependency) hashes incrementally.
 * It is loaded the first time a file is attached, so the capture screens do not carry it until then.
 */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  hex(): string;
}

export async function incrementalSha256(): Promise<IncrementalHash> {
  const { sha256 } = await import('@noble/hashes/sha2.js');
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    hex: () => [...h.digest()].map((b) => b.toString(16).padStart(2, '0')).join(''),
  };
}
