import type { Figure, MetricCode, RoundFigures } from '@vigie/domain/rules';

/** As the statistics routes send them (apps/server/src/modules/communication/statistics/statistics.presenter.ts). */
export type Figures = Record<MetricCode, Figure>;
export interface Summary {
  from: string; to: string; figures: Figures;
  coverage: { daysInPeriod: number; expectedDays: number; daysObserved: number; daysNotObserved: number; share: number };
  rates: { hoursPerEviction: number | null; perDay: number; perWeek: number; perMonth: number; atLeast: boolean };
  /** Outreach rounds' own figures; null under a forces filter (a round has no forces). */
  rounds: RoundFigures | null;
  comparisons: { previousPeriod: { from: string; to: string; figures: Figures }; yearBefore: { from: string; to: string; figures: Figures } };
}
export interface BreakdownRow {
  key: string; label: string; value: number; atLeast: boolean;
  site?: { code: string; name: string; communeInsee: string; latitude: number | null; longitude: number | null };
}
export interface FilterOptions {
  areas: { code: string; name: string }[];
  communes: { insee: string; name: string; areaCode: string }[];
  sites: { id: string; code: string; name: string; areaCode: string; communeInsee: string }[];
  forces: { code: string; label: string }[];
}
export interface EvictionItem {
  id: string; date: string; arrivedAt: string; status: string; coverage: string;
  site: { id: string; code: string; name: string; communeInsee: string };
  personsEvicted: Figure | null;
}
