/**
 * How long a social post is, counted as each network counts it, and whether it fits.
 * Pure and zod-free (the web's composer counts as the server refuses).
 *
 * - X (twitter-text v3 weighting): text in Unicode NFC; each code point weighs 1 in the Latin,
 *   general punctuation and a few symbol ranges (U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F,
 *   U+2032–U+2037) and 2 elsewhere (CJK, most symbols); an emoji, whatever its sequence, weighs
 *   2; every link weighs 23 (t.co); limit 280.
 * - Bluesky: graphemes (what a person sees as one character, an emoji family is one); links
 *   counted in full — stricter than the Bluesky app, which shortens a link's text before
 *   posting, so a post that fits here fits there; limit 300.
 * - Links are those written with http(s):// or www.; a bare "example.org" counts as its letters
 *   (X would count it 23).
 * - Mastodon: code points, every link counts as 23, a remote mention "@name@server" counts as
 *   "@name"; limit 500 (the default of a Mastodon server).
 * - Instagram (caption 2,200), Facebook (63,206), LinkedIn (post 3,000): code points.
 */
export const POST_CHANNELS = ['x', 'bluesky', 'mastodon', 'instagram', 'facebook', 'linkedin'] as const;
export type PostChannel = (typeof POST_CHANNELS)[number];

export const CHANNEL_LIMITS: Readonly<Record<PostChannel, number>> = {
  x: 280, bluesky: 300, mastodon: 500, instagram: 2200, facebook: 63206, linkedin: 3000,
};
export const LINK_WEIGHT = 23;

export type PostLength = { channel: PostChannel; length: number; limit: number; fits: boolean; over: number };

/** Links as the networks detect them: http(s) addresses and "www." ones, trailing punctuation left out. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING = /[.,;:!?)\]}'»"]+$/u;

function splitLinks(text: string): { rest: string; links: number } {
  let links = 0;
  const rest = text.replace(LINK, (m) => {
    const trailing = TRAILING.exec(m)?.[0] ?? '';
    if (trailing.length === m.length) return m;
    links += 1;
    return trailing;
  });
  return { rest, links };
}

const codePoints = (s: string) => [...s].length;
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
const graphemes = (s: string): string[] => (segmenter ? [...segmenter.segment(s)].map((g) => g.segment) : [...s]);
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function lightCodePoint(cp: number) {
  return cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
}

function xLength(text: string): number {
  const { rest, links } = splitLinks(text.normalize('NFC'));
  let length = links * LINK_WEIGHT;
  for (const g of graphemes(rest)) {
    if (EMOJI.test(g)) { length += 2; continue; }
    for (const ch of g) length += lightCodePoint(ch.codePointAt(0)!) ? 1 : 2;
  }
  return length;
}

function mastodonLength(text: string): number {
  const { rest, links } = splitLinks(text);
  const mentions = rest.replace(/(^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '$1$2');
  return links * LINK_WEIGHT + codePoints(mentions);
}

export function postLength(channel: PostChannel, text: string): PostLength {
  const length = channel === 'x' ? xLength(text)
    : channel === 'bluesky' ? graphemes(text).length
      : channel === 'mastodon' ? mastodonLength(text)
        : codePoints(text);
  const limit = CHANNEL_LIMITS[channel];
  return { channel, length, limit, fits: length <= limit, over: Math.max(0, length - limit) };
}
