import { describe, expect, it } from 'vitest';
import { textDirection } from './text-direction.js';

describe('textDirection', () => {
  it.each([
    ['ar', 'rtl'], ['fa', 'rtl'], ['prs', 'rtl'], ['ps', 'rtl'], ['ckb', 'rtl'], ['ur', 'rtl'], ['he', 'rtl'],
    ['fa-IR', 'rtl'], ['AR', 'rtl'],
    ['fr', 'ltr'], ['en', 'ltr'], ['ti', 'ltr'], ['de', 'ltr'], ['en-GB', 'ltr'], ['', 'ltr'], ['arz', 'ltr'],
  ])('%s is written %s', (language, dir) => {
    expect(textDirection(language)).toBe(dir);
  });
});
