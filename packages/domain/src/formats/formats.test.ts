import { describe, expect, it } from 'vitest';
import { NNBSP, areaLabel, countNoun, fileNamePart, formatDate, formatFileSize, formatDateTime, formatMonth, formatQuantity, formatPercent, formatPeriod, inPeriod, periodShape } from './formats.js';

const NOW = new Date('2026-12-03T09:00:00Z');

describe('dates', () => {
  it('carry their year when it is not the current one', () => {
    expect(formatDate('2024-04-30', 'fr', { style: 'long', now: NOW })).toBe('mardi 30 avril 2024');
    expect(formatDate('2024-04-30', 'en', { style: 'long', now: NOW })).toBe('Tuesday, 30 April 2024');
    expect(formatDate('2024-04-30', 'fr', { style: 'short', now: NOW })).toBe('mar. 30 avr. 2024');
  });
  it('leave the year out for this year, unless asked', () => {
    expect(formatDate('2026-11-03', 'fr', { now: NOW })).toBe('3 novembre');
    expect(formatDate('2026-11-03', 'fr', { now: NOW, year: 'always' })).toBe('3 novembre 2026');
    expect(formatDate('2026-11-03', 'en', { now: NOW })).toBe('3 November');
  });
  it('write the first of the month "1er" in French only', () => {
    expect(formatDate('2024-04-01', 'fr', { now: NOW })).toBe('1er avril 2024');
    expect(formatDate('2024-04-01', 'en', { now: NOW })).toBe('1 April 2024');
    expect(formatDate('2024-04-11', 'fr', { now: NOW })).toBe('11 avril 2024');
  });
  it('read instants in Paris time', () => {
    // 23:30 UTC on 31 December 2024 is already 2025 in Paris.
    expect(formatDate('2024-12-31T23:30:00Z', 'fr', { now: NOW })).toBe('1er janvier 2025');
    expect(formatDateTime('2024-04-30T12:05:00Z', 'fr', { now: NOW })).toBe('30 avril 2024 à 14:05');
    expect(formatDateTime('2024-04-30T12:05:00Z', 'en', { now: NOW })).toBe('30 April 2024 at 14:05');
  });
  it('name months', () => {
    expect(formatMonth('2024-01', 'fr')).toBe('janvier 2024');
    expect(formatMonth('2024-01', 'en')).toBe('January 2024');
  });
});

describe('periods', () => {
  it('recognise months, quarters and years', () => {
    expect(periodShape('2024-04-01', '2024-04-30')).toEqual({ kind: 'month', year: 2024, month: 4 });
    expect(periodShape('2024-02-01', '2024-02-29')).toEqual({ kind: 'month', year: 2024, month: 2 });
    expect(periodShape('2024-04-01', '2024-06-30')).toEqual({ kind: 'quarter', year: 2024, quarter: 2 });
    expect(periodShape('2024-01-01', '2024-12-31')).toEqual({ kind: 'year', year: 2024 });
    expect(periodShape('2024-04-02', '2024-04-30')).toEqual({ kind: 'range' });
    expect(periodShape('2024-02-01', '2024-04-30')).toEqual({ kind: 'range' });
  });
  it('are named in words, never ISO dates', () => {
    expect(formatPeriod('2024-04-01', '2024-04-30', 'fr')).toBe('avril 2024');
    expect(formatPeriod('2024-01-01', '2024-03-31', 'fr')).toBe('1er trimestre 2024');
    expect(formatPeriod('2024-04-01', '2024-06-30', 'fr')).toBe('2e trimestre 2024');
    expect(formatPeriod('2024-04-01', '2024-06-30', 'en')).toBe('Q2 2024');
    expect(formatPeriod('2024-04-03', '2024-04-17', 'fr')).toBe('du 3 au 17 avril 2024');
    expect(formatPeriod('2024-04-01', '2024-04-17', 'fr')).toBe('du 1er au 17 avril 2024');
    expect(formatPeriod('2024-03-15', '2024-04-17', 'fr')).toBe('du 15 mars au 17 avril 2024');
    expect(formatPeriod('2023-12-15', '2024-01-17', 'fr')).toBe('du 15 décembre 2023 au 17 janvier 2024');
    expect(formatPeriod('2024-04-03', '2024-04-17', 'en')).toBe('3 – 17 April 2024');
  });
  it('take the right preposition', () => {
    expect(inPeriod('2024-04-01', '2024-04-30', 'fr')).toBe('en avril 2024');
    expect(inPeriod('2024-01-01', '2024-12-31', 'fr')).toBe('en 2024');
    expect(inPeriod('2024-01-01', '2024-03-31', 'fr')).toBe('au 1er trimestre 2024');
    expect(inPeriod('2024-04-03', '2024-04-17', 'en')).toBe('from 3 to 17 April 2024');
    expect(inPeriod('2024-04-01', '2024-04-30', 'en')).toBe('in April 2024');
  });
});

describe('numbers', () => {
  it('use a decimal comma and narrow no-break spaces in French', () => {
    expect(formatQuantity(12345.5, 'fr')).toBe(`12${NNBSP}345,5`);
    expect(formatQuantity(12345.5, 'en')).toBe('12,345.5');
    expect(formatQuantity(74.0645, 'fr')).toBe('74,1');
    expect(formatQuantity(3, 'fr')).toBe('3');
  });
  it('write percentages with the narrow space before % in French', () => {
    expect(formatPercent(0.262, 'fr')).toBe(`26,2${NNBSP}%`);
    expect(formatPercent(0.262, 'en')).toBe('26.2%');
    expect(formatPercent(1, 'fr')).toBe(`100${NNBSP}%`);
  });
});

describe('plurals', () => {
  const lieux = { one: 'nouveau lieu', other: 'nouveaux lieux' };
  it('agree with the count (French 0 and 1 singular)', () => {
    expect(countNoun(1, lieux, 'fr')).toBe('1 nouveau lieu');
    expect(countNoun(0, lieux, 'fr')).toBe('0 nouveau lieu');
    expect(countNoun(3, lieux, 'fr')).toBe('3 nouveaux lieux');
    expect(countNoun(1234, { one: 'expulsion', other: 'expulsions' }, 'fr')).toBe(`1${NNBSP}234 expulsions`);
    expect(countNoun(0, { one: 'new site', other: 'new sites' }, 'en')).toBe('0 new sites');
    expect(countNoun(1, { one: 'new site', other: 'new sites' }, 'en')).toBe('1 new site');
  });
});

describe('areas', () => {
  it('are shown by name', () => {
    expect(areaLabel({ code: 'calaisis', name: 'Calaisis' })).toBe('Calaisis');
    expect(areaLabel({ code: 'calaisis', name: '' })).toBe('calaisis');
  });
});

describe('fileNamePart', () => {
  it('names files in plain ASCII words, accents and punctuation dropped', () => {
    expect(fileNamePart('Expulsions par commune — Calaisis — juin 2025')).toBe('expulsions-par-commune-calaisis-juin-2025');
    expect(fileNamePart('Année d’observation 2024–2025 (1er novembre – 31 octobre)')).toBe('annee-d-observation-2024-2025-1er-novembre-31-octobre');
    expect(fileNamePart('Œuvres — ')).toBe('oeuvres');
    expect(fileNamePart('«»')).toBe('fichier');
  });
});

describe('file sizes', () => {
  it('read as a phone shows them, in decimal units, French and English', () => {
    expect(formatFileSize(512, 'fr')).toBe(`512${NNBSP}o`);
    expect(formatFileSize(850_000, 'fr')).toBe(`850${NNBSP}ko`);
    expect(formatFileSize(212_400_000, 'fr')).toBe(`212,4${NNBSP}Mo`);
    expect(formatFileSize(212_400_000, 'en')).toBe('212.4 MB');
    expect(formatFileSize(1_234_000_000, 'en')).toBe('1.2 GB');
  });
});
