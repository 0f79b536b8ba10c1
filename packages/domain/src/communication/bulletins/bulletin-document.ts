import type { Figure } from '../statistics/metrics.js';
import type { BulletinContent, FigureLine } from './bulletin.js';
import { dayList, factSentence, monthName } from './date-wording.js';
import { isRoundMetricCode } from '../statistics/round-metric-table.js';
import { capitalise, figureLine, figurePhrase, figureValue, forcesLine, metricHeading, type Lang } from './figure-wording.js';

/**
 * A bulletin in one language, every sentence written: what the HTML, Markdown and PDF
 * renderers lay out. Built from the content alone, so a frozen snapshot always reads the same.
 */
export type BulletinDocument = {
  lang: Lang;
  title: string;
  headline: string;
  intro: string;
  figuresHeading: string;
  /** "Jours d'observation : 28 sur 30", printed above the figures; null for bulletins frozen before the rota. */
  coverage: string | null;
  figures: string[];
  factsHeading: string;
  factGroups: Array<{ heading: string; sentences: string[] }>;
  noFacts: string | null;
  contextHeading: string;
  context: string[];
  quotesHeading: string;
  /** Testimony excerpts as quoted (consented ones only), in the language the person spoke. */
  quotes: string[];
  photos: Array<{ evidenceId: string; caption: string; credit: string }>;
  comparisonsHeading: string;
  comparisonColumns: [string, string, string, string];
  comparisonRows: Array<[string, string, string, string]>;
  footer: string;
};

const WORDS = {
  fr: {
    title: (area: string, month: string) => `Bulletin mensuel des observations des expulsions dans le ${area} — ${month}`,
    intro: (org: string, area: string, month: string) =>
      `Ce bulletin présente les expulsions de lieux de vie informels observées par ${org} dans le ${area} en ${month}. `
      + 'Les chiffres précédés de « au moins » sont des minimums : les observateur·ices sont souvent tenu·es à distance par des '
      + 'périmètres de sécurité et ne peuvent pas tout voir, et un jour sans observation peut cacher une expulsion. '
      + 'Seules les observations vérifiées sont comptées.',
    figures: 'Les chiffres du mois', facts: 'Faits datés', violence: 'Violences contre les personnes exilées',
    obstruction: 'Entraves à l’observation', finding: 'Constats lors des expulsions', noFacts: 'Aucun fait daté n’a été relevé ce mois-ci.', context: 'Contexte', quotes: 'Témoignages',
    comparisons: 'Comparaisons', figure: 'Chiffre', credit: 'Photo',
    noEviction: (area: string, month: string) => `Aucune expulsion observée dans le ${area} en ${month}.`,
    notObserved: (area: string, month: string) => `Le ${area} n’a pas été observé en ${month} : chiffres non observés.`,
    coverage: (observed: number, expected: number) => `Jours d’observation : ${observed} sur ${expected}`,
    headline: (phrase: string, month: string) => `${capitalise(phrase)} en ${month}`,
    headlineNotObserved: (month: string) => `Pas d’observation en ${month}`,
    draft: 'Brouillon — non publié', published: (at: string) => `Publié le ${at}`,
  },
  en: {
    title: (area: string, month: string) => `Monthly bulletin of eviction observations in the ${area} — ${month}`,
    intro: (org: string, area: string, month: string) =>
      `This bulletin reports the evictions of informal living sites observed by ${org} in the ${area} in ${month}. `
      + 'Figures preceded by “at least” are minimums: observers are often kept at a distance by security perimeters and cannot '
      + 'see everything, and a day without observation may hide an eviction. Only verified observations are counted.',
    figures: 'This month’s figures', facts: 'Dated facts', violence: 'Violence against exiled people',
    obstruction: 'Obstruction of observers', finding: 'Findings at evictions', noFacts: 'No dated fact was recorded this month.', context: 'Context', quotes: 'Testimonies',
    comparisons: 'Comparisons', figure: 'Figure', credit: 'Photo',
    noEviction: (area: string, month: string) => `No eviction observed in the ${area} in ${month}.`,
    notObserved: (area: string, month: string) => `The ${area} was not observed in ${month}: figures not observed.`,
    coverage: (observed: number, expected: number) => `Days of observation: ${observed} of ${expected}`,
    headline: (phrase: string, month: string) => `${capitalise(phrase)} in ${month}`,
    headlineNotObserved: (month: string) => `No observation in ${month}`,
    draft: 'Draft — not published', published: (at: string) => `Published on ${at}`,
  },
} as const;

/** The generated headline, used while the comms pole has not written one. */
export function defaultHeadline(content: Pick<BulletinContent, 'evictions' | 'month'>, lang: Lang): string {
  if (content.evictions.unobserved) return WORDS[lang].headlineNotObserved(monthName(content.month, lang));
  return WORDS[lang].headline(figurePhrase('evictions', content.evictions, lang), monthName(content.month, lang));
}

/** 'YYYY-MM-DD' as "3 mars 2026" / "3 March 2026". */
function longDate(day: string, lang: Lang): string {
  const opening = dayList([day], lang).replace(/^(Le|On) /, '');
  return `${opening} ${day.slice(0, 4)}`;
}

/**
 * The lines a bulletin lists: a zero line is left out ("aucune chaise saisie" is noise in a
 * month's list) unless the figure set says to show it; a forces line is in the content only
 * when its condition held, so it stays; an unobserved figure says so.
 */
export function listedLines(lines: readonly FigureLine[]): FigureLine[] {
  return lines.filter((l) => l.forces || l.showZero || l.figure.unobserved || l.figure.value > 0);
}

export function bulletinDocument(content: BulletinContent, lang: Lang, publication: { publishedOn: string } | null): BulletinDocument {
  const words = WORDS[lang];
  const month = monthName(content.month, lang);
  const area = content.area.name;
  const empty = content.evictions.value === 0;
  const groups = (['violence', 'obstruction', 'finding'] as const).map((kind) => ({
    heading: words[kind],
    sentences: content.facts.filter((f) => f.kind === kind && f.days.length > 0).map((f) => factSentence(f, lang)),
  })).filter((g) => g.sentences.length > 0);
  const cell = (f: Figure) => figureValue(f, lang);
  return {
    lang,
    title: words.title(area, month),
    headline: content.text.headline[lang] || defaultHeadline(content, lang),
    intro: words.intro(content.organisationName, area, month),
    figuresHeading: words.figures,
    // An empty month says so once rather than listing a column of zeros.
    coverage: content.coverage
      ? words.coverage(content.coverage.expectedDays - content.coverage.missedDays, content.coverage.expectedDays) : null,
    // Outreach rounds go on without evictions and are counted apart: their lines stay in an empty or unobserved month.
    figures: [
      ...(content.evictions.unobserved ? [words.notObserved(area, month)] : empty ? [words.noEviction(area, month)] : []),
      ...listedLines(content.figures).filter((l) => !(content.evictions.unobserved || empty) || isRoundMetricCode(l.metric))
        .map((l) => (l.forces ? forcesLine(l.figure, l.forces, lang) : figureLine(l, lang))),
    ],
    factsHeading: words.facts,
    factGroups: groups,
    noFacts: groups.length === 0 ? words.noFacts : null,
    contextHeading: words.context,
    context: content.text.context[lang],
    quotesHeading: words.quotes,
    quotes: (content.quotes ?? []).map((q) => (lang === 'fr' ? `« ${q} »` : `“${q}”`)),
    photos: content.photos.map((p) => ({ evidenceId: p.evidenceId, caption: p.caption[lang], credit: `${words.credit} : ${p.credit}`.replace(' :', lang === 'fr' ? ' :' : ':') })),
    comparisonsHeading: words.comparisons,
    comparisonColumns: [words.figure, capitalise(month), capitalise(monthName(content.comparisons.previousMonth, lang)), capitalise(monthName(content.comparisons.yearBeforeMonth, lang))],
    comparisonRows: content.comparisons.rows.map((r) => [metricHeading(r.metric, lang), cell(r.current), cell(r.previous), cell(r.yearBefore)]),
    footer: `${content.organisationName} — ${publication ? words.published(longDate(publication.publishedOn, lang)) : words.draft}`,
  };
}
