import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_CODES } from '../statistics/metrics.js';
import { figureLine, figurePhrase, formatFigure, wordFigure } from './figure-wording.js';
import { coverageShare, figureOf, isComplete, isMinimum, sumFigures, type Coverage, type Doubts } from './minimum-rule.js';

const full: Coverage = { observedDays: 30, expectedDays: 30 };
const none: Coverage = { observedDays: 0, expectedDays: 30 };

const doubtsArb: fc.Arbitrary<Doubts> = fc.record({
  flagged: fc.boolean(), blank: fc.boolean(), partlyObserved: fc.boolean(), uncounted: fc.boolean(),
});
const coverageArb: fc.Arbitrary<Coverage> = fc.record({ observedDays: fc.integer({ min: 0, max: 400 }), expectedDays: fc.integer({ min: 0, max: 400 }) });
const figureArb = fc.record({ value: fc.integer({ min: 0, max: 1_000_000 }), doubts: doubtsArb, coverage: coverageArb })
  .map(({ value, doubts, coverage }) => figureOf(value, doubts, coverage));
const langArb = fc.constantFrom('fr' as const, 'en' as const);

describe('the minimum rule', () => {
  it('a complete rota and sure counts give an exact figure', () => {
    expect(figureOf(12, {}, full)).toEqual({ value: 12, atLeast: false });
  });

  it('one missing day makes every figure a minimum', () => {
    expect(figureOf(12, {}, { observedDays: 29, expectedDays: 30 }).atLeast).toBe(true);
  });

  it.each(['flagged', 'blank', 'partlyObserved', 'uncounted'] as const)('a %s contribution makes the figure a minimum', (doubt) => {
    expect(figureOf(12, { [doubt]: true }, full).atLeast).toBe(true);
  });

  it('a period nobody observed is unobserved at zero, and a minimum', () => {
    expect(figureOf(0, {}, none)).toEqual({ value: 0, atLeast: true, unobserved: true });
    // Something reported by others in an unobserved period is still a (minimum) figure.
    expect(figureOf(3, {}, none)).toEqual({ value: 3, atLeast: true });
  });

  it('a rota expecting no day: complete only when someone went out anyway', () => {
    expect(isComplete({ observedDays: 0, expectedDays: 0 })).toBe(false);
    expect(isComplete({ observedDays: 1, expectedDays: 0 })).toBe(true);
    expect(coverageShare({ observedDays: 31, expectedDays: 30 })).toBe(1);
    expect(coverageShare({ observedDays: 15, expectedDays: 30 })).toBe(0.5);
    // Two Saturdays out do not make up for two missed weekdays.
    expect(isComplete({ observedDays: 22, expectedDays: 22, missedDays: 2 })).toBe(false);
    expect(coverageShare({ observedDays: 22, expectedDays: 22, missedDays: 2 })).toBe(20 / 22);
  });

  it('property: exact only when no doubt at all and coverage complete', () => {
    fc.assert(fc.property(doubtsArb, coverageArb, (d, c) => {
      const anyDoubt = Boolean(d.flagged || d.blank || d.partlyObserved || d.uncounted);
      expect(isMinimum(d, c)).toBe(anyDoubt || c.observedDays < c.expectedDays || (c.expectedDays === 0 && c.observedDays === 0));
    }));
  });

  it('property: adding a doubt or losing a day never turns a minimum into an exact figure', () => {
    fc.assert(fc.property(doubtsArb, coverageArb, fc.constantFrom('flagged', 'blank', 'partlyObserved', 'uncounted'), (d, c, extra) => {
      if (isMinimum(d, c)) {
        expect(isMinimum({ ...d, [extra]: true }, c)).toBe(true);
        expect(isMinimum(d, { ...c, observedDays: Math.max(0, c.observedDays - 1) })).toBe(true);
      }
    }));
  });

  it('property: a sum is a minimum iff one part is, and adds the values', () => {
    fc.assert(fc.property(fc.array(figureArb, { maxLength: 8 }), (parts) => {
      const s = sumFigures(parts);
      expect(s.value).toBe(parts.reduce((a, p) => a + p.value, 0));
      expect(s.atLeast).toBe(parts.some((p) => p.atLeast));
    }));
  });
});

describe('the wording of figures', () => {
  it('values: minimum, exact, zero, unobserved', () => {
    expect(formatFigure({ value: 1234, atLeast: true }, 'fr')).toBe('au moins 1\u202f234');
    expect(formatFigure({ value: 1234, atLeast: true }, 'en')).toBe('at least 1,234');
    expect(formatFigure({ value: 2, atLeast: false }, 'fr')).toBe('2');
    expect(formatFigure({ value: 0, atLeast: true }, 'fr')).toBe('0');
    expect(formatFigure({ value: 0, atLeast: true, unobserved: true }, 'fr')).toBe('non observé');
    expect(formatFigure({ value: 0, atLeast: true, unobserved: true }, 'en')).toBe('not observed');
  });

  it('phrases: "aucune … observée" at zero, never "au moins 0"', () => {
    expect(figurePhrase('evictions', { value: 0, atLeast: true }, 'fr')).toBe('aucune expulsion observée');
    expect(figurePhrase('evictions', { value: 1, atLeast: false }, 'fr')).toBe('1 expulsion');
    expect(figurePhrase('chairsSeized', { value: 2, atLeast: false }, 'fr')).toBe('2 chaises saisies');
    expect(figurePhrase('evictions', { value: 0, atLeast: true, unobserved: true }, 'fr')).toBe('expulsions\u00a0: non observé');
    expect(figurePhrase('evictions', { value: 0, atLeast: true, unobserved: true }, 'en')).toBe('evictions: not observed');
    expect(wordFigure({ value: 3, atLeast: true }, 'fr', { style: 'phrase', forms: { one: 'agent', other: 'agents', none: 'aucun agent' }, label: 'agents' }))
      .toBe('au moins 3 agents');
  });

  it('property: no wording ever says "au moins 0", and an unobserved figure never shows a digit', () => {
    fc.assert(fc.property(figureArb, langArb, fc.constantFrom(...METRIC_CODES), fc.boolean(), (f, lang, metric, asPart) => {
      const words = [formatFigure(f, lang), figurePhrase(metric, f, lang, asPart), figureLine({ metric, figure: f, part: null }, lang)];
      for (const w of words) {
        expect(w).not.toMatch(/(au moins|at least) 0(?![\d\s\u202f,.])/i);
        if (f.unobserved) expect(w).not.toMatch(/\d/);
        if (f.value > 0 && !f.unobserved) expect(/au moins|at least/i.test(w)).toBe(f.atLeast);
      }
    }));
  });
});
