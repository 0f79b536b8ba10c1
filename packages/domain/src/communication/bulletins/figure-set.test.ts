import { describe, expect, it } from 'vitest';
import { forcesLine } from '../figures/figure-wording.js';
import { figureSetProblem, findingsOf, unknownFindingIn } from './bulletin.js';
import { FINDINGS } from './date-wording.js';
import { listedLines } from './bulletin-document.js';
import { factSentence } from './date-wording.js';

const pn = { code: 'pn', fr: 'Police nationale', en: 'National police' };
const bac = { code: 'bac', fr: 'BAC', en: 'BAC (anti-crime brigade)' };
const crs = { code: 'crs', fr: 'CRS', en: 'CRS (riot police)' };

describe('force and finding wording', () => {
  it('words a forces line through wordFigure, never "au moins 0"', () => {
    const forces = { present: [pn, bac], absent: [crs] };
    expect(forcesLine({ value: 3, atLeast: false }, forces, 'fr')).toBe('Dont 3 menées par la police nationale et la BAC sans CRS');
    expect(forcesLine({ value: 1, atLeast: true }, forces, 'fr')).toBe('Dont au moins 1 menée par la police nationale et la BAC sans CRS');
    expect(forcesLine({ value: 0, atLeast: true }, forces, 'fr')).toBe('Dont aucune menée par la police nationale et la BAC sans CRS');
    expect(forcesLine({ value: 2, atLeast: false }, forces, 'en')).toBe('Including 2 carried out by the national police and the BAC without CRS');
  });

  it('dates a yes/no finding', () => {
    expect(factSentence({ kind: 'finding', type: 'foodDistribution', label: { fr: '', en: '' }, days: ['2026-04-09', '2026-04-13', '2026-04-21'] }, 'fr'))
      .toBe('Les 9, 13 et 21 avril, une distribution alimentaire était en cours pendant l’expulsion.');
  });
});

describe('figure sets', () => {
  it('refuses a part of the wrong whole and a figure named twice', () => {
    expect(figureSetProblem([{ metric: 'tentsSeized', part: 'tentsWithBelongingsSeized' }, { metric: 'evictions', part: 'distinctSites' }])).toBeNull();
    expect(figureSetProblem([{ metric: 'tentsSeized', part: 'arrestsWithViolence' }])).toMatchObject({ problem: 'part_of_wrong_whole' });
    expect(figureSetProblem([{ metric: 'arrests', part: null }, { metric: 'arrests', part: null }])).toEqual({ index: 1, problem: 'duplicate_metric', metric: 'arrests' });
    // The line at fault is the repeat, so the editor says so beside it and not beside the first.
    expect(figureSetProblem([{ metric: 'evictions', part: null }, { metric: 'arrests', part: null }, { metric: 'tentsSeized', part: null }, { metric: 'arrests', part: null }])?.index).toBe(3);
    expect(figureSetProblem([{ metric: 'arrests', part: null, forces: { present: ['pn'], absent: [] } }])).toMatchObject({ problem: 'forces_not_on_evictions' });
  });

  it('checks forces and findings lines', () => {
    const ev = { metric: 'evictions' as const, part: null };
    expect(figureSetProblem([{ ...ev, forces: { present: ['pn', 'crs'], absent: ['crs'] } }])).toEqual({ index: 0, problem: 'force_present_and_absent', force: 'crs' });
    expect(figureSetProblem([{ ...ev, finding: 'bailiff' }, { ...ev, finding: 'bailiff' }])).toEqual({ index: 1, problem: 'duplicate_finding', finding: 'bailiff' });
    expect(figureSetProblem([{ metric: 'tentsSeized', part: null, finding: 'bailiff' }])).toMatchObject({ problem: 'forces_not_on_evictions' });
    // A findings line is not a second "evictions" figure.
    expect(figureSetProblem([ev, { ...ev, finding: 'bailiff' }, { ...ev, forces: { present: ['pn'], absent: [] } }])).toBeNull();
    expect(unknownFindingIn([{ ...ev, finding: 'bailiff' }, { ...ev, finding: 'tanks' }])).toBe('tanks');
    expect(findingsOf([ev])).toEqual(FINDINGS);
    expect(findingsOf([{ ...ev, finding: 'noInterpreter' }, ev, { ...ev, finding: 'foodDistribution' }])).toEqual(['noInterpreter', 'foodDistribution']);
  });

  it('leaves zero lines out of the list unless the set asks for them', () => {
    const zero = { value: 0, atLeast: true };
    const lines = [
      { metric: 'chairsSeized' as const, figure: zero, part: null },
      { metric: 'bikesSeized' as const, figure: zero, part: null, showZero: true },
      { metric: 'tentsSeized' as const, figure: { value: 2, atLeast: false }, part: null },
      { metric: 'mattressesSeized' as const, figure: { ...zero, unobserved: true }, part: null },
    ];
    expect(listedLines(lines).map((l) => l.metric)).toEqual(['bikesSeized', 'tentsSeized', 'mattressesSeized']);
  });
});
