import { normaliseText } from './keyword-rules.js';

/**
 * Near-identical articles (a wire story taken up by several outlets, lightly edited) are grouped
 * into one story. Each article is reduced to its word 3-shingles; two articles are the same story
 * when the Jaccard similarity of their shingle sets reaches STORY_THRESHOLD. A MinHash signature
 * of 64 values estimates that similarity from a fixed-size array kept with the clipping, so a new
 * article is compared with the recent ones without re-reading their text.
 *
 * Measured in story-similarity.test.ts (exact / MinHash estimate): two outlets' edited copies of
 * a wire story score 0.73 / 0.69 and 0.55 / 0.53 against it; different articles on the same
 * subject (same town, same association, same words) 0.01–0.03 / 0.02–0.03. The threshold sits
 * well between the two.
 */
export const STORY_THRESHOLD = 0.35;
export const SIGNATURE_SIZE = 64;
const SHINGLE = 3;

/** FNV-1a, 32 bits. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shingles(text: string, size = SHINGLE): Set<string> {
  const words = normaliseText(text).split(' ').filter(Boolean);
  const out = new Set<string>();
  if (words.length < size) { if (words.length) out.add(words.join(' ')); return out; }
  for (let i = 0; i + size <= words.length; i += 1) out.add(words.slice(i, i + size).join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const s of a) if (b.has(s)) common += 1;
  return common / (a.size + b.size - common);
}

// Fixed pseudo-random permutations h → (a·h + b) mod 2^32 (a odd), the same on every server.
const PERMUTATIONS: Array<[number, number]> = Array.from({ length: SIGNATURE_SIZE }, (_, i) => [
  (hash32(`a${i}`) | 1) >>> 0, hash32(`b${i}`),
]);

/** 64 minima of permuted shingle hashes; an empty text gives an empty signature. */
export function minhashSignature(text: string): number[] {
  const set = shingles(text);
  if (set.size === 0) return [];
  const mins = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of set) {
    const h = hash32(s);
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const [a, b] = PERMUTATIONS[i]!;
      const v = (Math.imul(a, h) + b) >>> 0;
      if (v < mins[i]!) mins[i] = v;
    }
  }
  // Stored in a PostgreSQL integer[]: shifted into the signed 32-bit range.
  return mins.map((v) => v - 0x80000000);
}

/** Share of equal positions: an estimate of the Jaccard similarity of the two shingle sets. */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) if (a[i] === b[i]) same += 1;
  return same / SIGNATURE_SIZE;
}

/** The text a story is recognised by: the title and the start of the article. */
export function storyText(title: string, text: string | null | undefined): string {
  return `${title}\n${(text ?? '').slice(0, 4000)}`;
}

/** The best matching earlier clipping, when one is similar enough to be the same story. */
export function findStory<T extends { signature: readonly number[] }>(signature: readonly number[], candidates: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = STORY_THRESHOLD;
  for (const c of candidates) {
    const score = signatureSimilarity(signature, c.signature);
    if (score >= bestScore) { best = c; bestScore = score; }
  }
  return best;
}

/**
 * `findStory` over many earlier clippings without comparing with each of them: for each of the 64
 * positions, the candidates holding each value. A new signature only visits the candidates that
 * share at least one value with it and counts, for each, how many positions are equal, which is
 * exactly its similarity. Same answer as `findStory` over the candidates in the order they were
 * added (the latest of the best on a tie), at a cost that grows with the near-duplicates rather
 * than with the whole window.
 */
export type StoryIndex<T extends { signature: readonly number[] }> = {
  readonly size: number;
  add(candidate: T): void;
  best(signature: readonly number[]): { candidate: T; similarity: number } | null;
};

export function storyIndex<T extends { signature: readonly number[] }>(): StoryIndex<T> {
  const candidates: T[] = [];
  const byValue = Array.from({ length: SIGNATURE_SIZE }, () => new Map<number, number[]>());
  let counts = new Uint8Array(64);
  return {
    get size() { return candidates.length; },
    add(candidate) {
      const at = candidates.length;
      candidates.push(candidate);
      if (candidate.signature.length !== SIGNATURE_SIZE) return;
      for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
        const v = candidate.signature[i]!;
        const list = byValue[i]!.get(v);
        if (list) list.push(at); else byValue[i]!.set(v, [at]);
      }
    },
    best(signature) {
      if (signature.length !== SIGNATURE_SIZE) return null;
      if (counts.length < candidates.length) counts = new Uint8Array(candidates.length * 2);
      const touched: number[] = [];
      for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
        for (const at of byValue[i]!.get(signature[i]!) ?? []) {
          if (counts[at] === 0) touched.push(at);
          counts[at] = counts[at]! + 1;
        }
      }
      const needed = Math.ceil(STORY_THRESHOLD * SIGNATURE_SIZE - 1e-9);
      let best = -1;
      for (const at of touched) {
        const n = counts[at]!;
        if (n >= needed && (best < 0 || n > counts[best]! || (n === counts[best]! && at > best))) best = at;
      }
      const found = best < 0 ? null : { candidate: candidates[best]!, similarity: counts[best]! / SIGNATURE_SIZE };
      for (const at of touched) counts[at] = 0;
      return found;
    },
  };
}
