import { describe, expect, it } from 'vitest';
import { roundFigurePhrase, roundFiguresOf, type RoundCountSum } from './round-metrics.js';
import { formatFigure } from '../figures/figure-wording.js';

const c = (n: number, flagged = false, blank = false, recorded = true): RoundCountSum => ({ n, flagged, blank, recorded });
const none = c(0, false, true, false);
const needs = { food: c(12), water: c(0), medical: c(3, true), clothes: c(5, false, true), legalInformation: c(0) };

describe('round figures', () => {
  it('count rounds exactly, and people met and needs as minimums when a count was flagged or left blank', () => {
    const f = roundFiguresOf({ rounds: 4, peopleMet: c(40, true), needs });
    expect(f.rounds).toEqual({ value: 4, atLeast: false });
    expect(f.roundPeopleMet).toEqual({ value: 40, atLeast: true });
    expect(f.roundNeedFood).toEqual({ value: 12, atLeast: false });
    expect(f.roundNeedMedical).toEqual({ value: 3, atLeast: true });
    // A round that did not ask about clothes: the sum of the others is a minimum.
    expect(f.roundNeedClothes).toEqual({ value: 5, atLeast: true });
    expect(formatFigure(f.roundPeopleMet, 'fr')).toBe('au moins 40');
    expect(roundFigurePhrase('roundPeopleMet', f.roundPeopleMet, 'fr')).toBe('au moins 40 personnes rencontrées en maraude');
    expect(roundFigurePhrase('roundNeedWater', f.roundNeedWater, 'fr')).toBe('aucun besoin d’eau exprimé');
    expect(roundFigurePhrase('rounds', f.rounds, 'en')).toBe('4 outreach rounds');
    // Asked, and nobody needed water: none, not "au moins 0"; never asked: not observed.
    expect(formatFigure(f.roundNeedWater, 'fr')).toBe('0');
    const unasked = roundFiguresOf({ rounds: 4, peopleMet: c(40), needs: { ...needs, legalInformation: none } });
    expect(formatFigure(unasked.roundNeedLegalInformation, 'fr')).toBe('non observé');
  });

  it('with no round, say none went out and that nobody was observed, never 0 people', () => {
    const f = roundFiguresOf({ rounds: 0, peopleMet: none, needs: { food: none, water: none, medical: none, clothes: none, legalInformation: none } });
    expect(formatFigure(f.rounds, 'fr')).toBe('0');
    expect(roundFigurePhrase('rounds', f.rounds, 'fr')).toBe('aucune maraude');
    expect(formatFigure(f.roundPeopleMet, 'fr')).toBe('non observé');
    expect(formatFigure(f.roundNeedFood, 'en')).toBe('not observed');
  });
});
