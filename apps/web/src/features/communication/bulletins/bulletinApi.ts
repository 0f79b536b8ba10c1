/** The bulletin API as the web app reads it (shapes of apps/server/src/modules/communication/bulletins). */
export type Figure = { value: number; atLeast: boolean };
export type Lang = 'fr' | 'en';
export type Bilingual = { fr: string; en: string };

export interface BulletinDocument {
  lang: Lang;
  title: string;
  headline: string;
  intro: string;
  figuresHeading: string;
  figures: string[];
  factsHeading: string;
  factGroups: { heading: string; sentences: string[] }[];
  noFacts: string | null;
  contextHeading: string;
  context: string[];
  /** Quotes from testimonies, through the consent check (a withdrawn one is simply absent). */
  quotesHeading: string;
  quotes: string[];
  photos: { evidenceId: string; caption: string; credit: string }[];
  comparisonsHeading: string;
  comparisonColumns: string[];
  comparisonRows: string[][];
  footer: string;
}

export interface PhotoSlot { evidenceId: string; credit: string; caption: Bilingual }

export interface Bulletin {
  id: string;
  area: { id: string; code: string; name: string };
  month: string;
  status: 'draft' | 'published';
  version: number;
  figureSet: { metric: string; part: string | null }[];
  headline: Bilingual;
  context: { fr: string[]; en: string[] };
  photos: PhotoSlot[];
  updatedAt: string;
  publishedAt: string | null;
  snapshotSha256: string | null;
  files: { locale: string; format: string; sha256: string }[];
  documents: Record<Lang, BulletinDocument>;
  /** Quotes inserted by reference; `text` is null once the person no longer agrees to be quoted. */
  testimonyQuotes: { id: string; testimonyId: string; text: string | null; consented: boolean; insertedAt: string }[];
}

export interface BulletinSummary {
  id: string;
  month: string;
  status: 'draft' | 'published';
  version: number;
  updatedAt: string;
  publishedAt: string | null;
  snapshotSha256: string | null;
  area: { id: string; code: string; name: string };
}

export interface AreaOption {
  id: string;
  code: string;
  name: string;
  active: boolean;
  figureSet: { metric: string; part: string | null }[] | null;
  figureSetSource: 'area' | 'default' | null;
}

export interface PhotoCandidate { evidenceId: string; credit: string | null; capturedAt: string | null; date: string; siteCode: string; siteName: string }

export interface Differences {
  publishedAt: string;
  snapshotSha256: string;
  figures: { metric: string; published: Figure; current: Figure }[];
  facts: { kind: string; type: string; publishedDays: string[]; currentDays: string[] }[];
}

export const exportUrl = (id: string, format: 'pdf' | 'html' | 'md', locale: Lang) => `/api/bulletins/${id}/export?format=${format}&locale=${locale}`;

/** "2026-02" as "février 2026" in the interface language. */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The month before the current one in Europe/Paris: the bulletin usually written now. */
export function lastMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
