import type { Lang } from './figure-wording.js';

/**
 * Months and day lists as a bulletin writes them. Names are spelt here rather than asked of
 * Intl so that the server, the browser and the golden files agree whatever ICU data they carry.
 */
const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const parts = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { y, m };
};

/** "février 2026" / "February 2026". */
export function monthName(month: string, lang: Lang): string {
  const { y, m } = parts(month);
  return `${MONTHS[lang][m - 1]} ${y}`;
}

/** The first and last Paris days of a month, inclusive ("2026-02-01", "2026-02-28"). */
export function monthBounds(month: string): { from: string; to: string } {
  const { y, m } = parts(month);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function shiftMonth(month: string, by: number): string {
  const { y, m } = parts(month);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "a, b et c" / "a, b and c" (no serial comma, as the team writes). */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items[items.length - 1]}`;
}

/**
 * The opening of a dated fact: "Le 1er février", "Les 13, 18 et 27 février" / "On 1 February",
 * "On 13, 18 and 27 February". Days are 'YYYY-MM-DD' of one month; repeats are dropped.
 */
export function dayList(days: readonly string[], lang: Lang): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return '';
  const month = MONTHS[lang][Number(sorted[0]!.slice(5, 7)) - 1]!;
  const numbers = sorted.map((d) => Number(d.slice(8, 10)));
  if (lang === 'en') return `On ${joinList(numbers.map(String), 'en')} ${month}`;
  const words = numbers.map((n) => (n === 1 ? '1er' : String(n)));
  return `${words.length === 1 ? 'Le' : 'Les'} ${joinList(words, 'fr')} ${month}`;
}

/**
 * What happened, as the end of a sentence after the day list, for the default incident and
 * obstruction types. A type an organisation added gets its list label instead.
 */
const FACTS: Record<'violence' | 'obstruction' | 'finding', Record<string, { fr: string; en: string }>> = {
  // Yes/no findings of an eviction, as dated facts ("Les 9, 13 et 21 avril, une distribution alimentaire…").
  finding: {
    foodDistribution: { fr: 'une distribution alimentaire était en cours pendant l’expulsion', en: 'a food distribution was under way during the eviction' },
    noInterpreter: { fr: 'aucun interprète n’était présent', en: 'no interpreter was present' },
    bailiff: { fr: 'un huissier de justice était présent', en: 'a bailiff was present' },
    cleaningCompany: { fr: 'une entreprise de nettoyage était présente', en: 'a cleaning company was present' },
    shelterOffered: { fr: 'une mise à l’abri a été proposée', en: 'shelter was offered' },
    noShelterOffered: { fr: 'aucune mise à l’abri n’a été proposée', en: 'no shelter was offered' },
    socialAssessment: { fr: 'un diagnostic social a été réalisé', en: 'a social assessment was carried out' },
    peopleMovingBack: { fr: 'des personnes se sont réinstallées après l’expulsion', en: 'people moved back after the eviction' },
  },
  violence: {
    tear_gas: { fr: 'du gaz lacrymogène a été utilisé contre des personnes exilées', en: 'tear gas was used against exiled people' },
    baton: { fr: 'des coups de matraque ont été portés', en: 'people were struck with batons' },
    kicks_punches: { fr: 'des personnes ont reçu des coups de pied ou de poing', en: 'people were kicked or punched' },
    taser: { fr: 'un pistolet à impulsion électrique (taser) a été utilisé', en: 'a taser was used' },
    tent_slashing: { fr: 'des tentes ont été lacérées', en: 'tents were slashed' },
    shaking_tents: { fr: 'des tentes ont été secouées pour en faire sortir les personnes', en: 'tents were shaken to force people out' },
    insults: { fr: 'des personnes exilées ont été insultées', en: 'exiled people were insulted' },
    other_violence: { fr: 'd’autres violences ont été constatées', en: 'other violence was recorded' },
  },
  obstruction: {
    perimeter: { fr: 'les observateur·ices ont été tenu·es à distance par un périmètre de sécurité', en: 'observers were kept away by a security perimeter' },
    escorted_away: { fr: 'les observateur·ices ont été éloigné·es', en: 'observers were escorted away' },
    id_check: { fr: 'les observateur·ices ont subi un contrôle d’identité', en: 'observers had their identity checked' },
    fine: { fr: 'les observateur·ices ont reçu une amende', en: 'observers were fined' },
    insults: { fr: 'les observateur·ices ont été insulté·es', en: 'observers were insulted' },
    filming_prevented: { fr: 'les observateur·ices ont été empêché·es de filmer', en: 'observers were prevented from filming' },
  },
};

/** "Les 13, 18 et 27 février, des tentes ont été lacérées." */
export function factSentence(fact: { kind: 'violence' | 'obstruction' | 'finding'; type: string; label: { fr: string; en: string }; days: readonly string[] }, lang: Lang): string {
  const opening = dayList(fact.days, lang);
  const known = FACTS[fact.kind][fact.type]?.[lang];
  if (known) return `${opening}, ${known}.`;
  return `${opening}${lang === 'fr' ? ' :' : ':'} ${fact.label[lang]}.`;
}

/** The yes/no findings a bulletin can date, in the order it prints them. */
export const FINDINGS = ['foodDistribution', 'noInterpreter', 'bailiff', 'cleaningCompany', 'shelterOffered', 'noShelterOffered', 'socialAssessment', 'peopleMovingBack'] as const;
export type Finding = (typeof FINDINGS)[number];

/** A finding's own words as a label ("Distribution alimentaire en cours"), for lists and differences. */
export function findingLabel(finding: string): { fr: string; en: string } {
  const f = FACTS.finding[finding];
  return f ? { fr: f.fr.charAt(0).toUpperCase() + f.fr.slice(1), en: f.en.charAt(0).toUpperCase() + f.en.slice(1) } : { fr: finding, en: finding };
}
