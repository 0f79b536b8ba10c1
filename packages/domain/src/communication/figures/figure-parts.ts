import type { MetricCode } from '../statistics/metrics.js';

/**
 * Which figures may follow which as a part ("dont", or "de" for sites): a part must be
 * contained in its whole, or the line says something false ("12 tentes, dont 30 interpellations").
 */
export const FIGURE_PARTS: Partial<Record<MetricCode, readonly MetricCode[]>> = {
  evictions: ['distinctSites', 'shelterOffered', 'socialAssessment'],
  personsEvicted: ['women', 'children', 'families', 'unaccompaniedMinors', 'shelterAccepted'],
  arrests: ['arrestsWithViolence'],
  tentsSeized: ['tentsWithBelongingsSeized'],
  itemsSeized: [
    'tentsSeized', 'tentsWithBelongingsSeized', 'tarpsSeized', 'sleepingBagsSeized', 'blanketsSeized', 'mattressesSeized', 'bagsSeized',
    'palletsWoodSeized', 'chairsSeized', 'bikesSeized', 'phonesSeized', 'documentsSeized', 'medicinesSeized',
  ],
};

