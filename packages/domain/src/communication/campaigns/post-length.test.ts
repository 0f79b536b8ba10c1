import { describe, expect, it } from 'vitest';
import { postLength } from './post-length.js';
import { eventSpanValid, postProblems } from './rules.js';

describe('post length, counted as each network counts it', () => {
  it.each([
    // [channel, text, expected length]
    ['x', 'Expulsion à Calais ce matin', 27],
    ['x', 'Rapport : https://example.org/a/very/long/path/to/the/report-2026.pdf', 10 + 23],
    ['x', 'Lien (www.example.org/rapport).', 6 + 23 + 2],
    ['x', '日本語', 6],
    ['x', '👍', 2],
    ['x', '👨‍👩‍👧‍👦', 2],
    ['x', '🇫🇷', 2],
    ['x', 'e\u0301', 1], // NFC: "é" is one code point
    ['bluesky', '👨‍👩‍👧‍👦 famille', 9],
    ['bluesky', 'https://example.org/x', 21],
    ['bluesky', 'e\u0301', 1],
    ['mastodon', 'Voir https://example.org/' + 'a'.repeat(80), 5 + 23],
    ['mastodon', 'Merci @hro@mastodon.social !', 'Merci @hro !'.length],
    ['mastodon', '👨‍👩‍👧‍👦', 7],
    ['instagram', 'abc 👍', 5],
    ['linkedin', 'https://example.org', 19],
  ] as const)('%s counts %j as %i', (channel, text, expected) => {
    expect(postLength(channel, text).length).toBe(expected);
  });

  it('says how far over the limit a post is', () => {
    expect(postLength('x', 'a'.repeat(280))).toMatchObject({ fits: true, limit: 280, over: 0 });
    expect(postLength('x', 'a'.repeat(281))).toMatchObject({ fits: false, over: 1 });
    // 150 CJK characters weigh 300 on X but are 150 graphemes on Bluesky
    expect(postLength('x', '語'.repeat(150)).fits).toBe(false);
    expect(postLength('bluesky', '語'.repeat(150)).fits).toBe(true);
    expect(postLength('bluesky', '👍'.repeat(301))).toMatchObject({ fits: false, length: 301, over: 1 });
    // a long link counts 23 on Mastodon, in full on Bluesky
    const linked = 'x'.repeat(280) + ' https://example.org/' + 'p'.repeat(100);
    expect(postLength('mastodon', linked).fits).toBe(true);
    expect(postLength('bluesky', linked).fits).toBe(false);
    expect(postLength('facebook', 'a'.repeat(63_207)).over).toBe(1);
  });
});

describe('post and event rules', () => {
  it('refuses an image without alt text, an over-long or empty post', () => {
    const ok = { channel: 'x' as const, body: 'Bonjour', imageEvidenceId: null, imageAlt: null };
    expect(postProblems(ok)).toEqual([]);
    expect(postProblems({ ...ok, imageEvidenceId: 'e', imageAlt: '  ' }).map((p) => p.code)).toEqual(['alt_required']);
    expect(postProblems({ ...ok, imageEvidenceId: 'e', imageAlt: 'Tentes sous la pluie' })).toEqual([]);
    expect(postProblems({ ...ok, body: 'a'.repeat(300) })).toEqual([{ code: 'too_long', length: 300, limit: 280, over: 20 }]);
    expect(postProblems({ ...ok, body: ' ' }).map((p) => p.code)).toEqual(['empty']);
  });
  it('refuses an event ending before (or when) it starts', () => {
    expect(eventSpanValid('2026-12-10T10:00:00+01:00', '2026-12-10T12:00:00+01:00')).toBe(true);
    expect(eventSpanValid('2026-12-10T10:00:00+01:00', '2026-12-10T09:00:00+01:00')).toBe(false);
    expect(eventSpanValid('2026-12-10T10:00:00+01:00', '2026-12-10T09:00:00Z')).toBe(false);
  });
});
