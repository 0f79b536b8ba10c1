import { metricLabel, type CitableMetric, type Figure, type MetricCode } from '../statistics/metrics.js';
import { ROUND_METRICS, isRoundMetricCode } from '../statistics/round-metric-table.js';

/**
 * THE wording of figures (issue 10): one function, `wordFigure`, used by the dashboard, the
 * bulletin, the annual report (PDF and workbook), the public page and the legal PDFs. Its rules:
 *  - a minimum reads "au moins 12" / "at least 12";
 *  - a zero never reads "au moins 0": as a value it is "0", in a sentence "aucune … observée";
 *  - a period nobody observed reads "non observé" / "not observed", never "0" (tables,
 *    comparisons, sworn documents);
 *  - numbers are written the French or English way (Intl).
 * When a figure is a minimum or unobserved is decided by minimum-rule.ts, not here.
 */

/**
 * How each figure reads in a bulletin sentence, in both languages: the noun after one, after
 * several, and the whole phrase when there is none ("aucune tente saisie" reads better than
 * "0 tente saisie", and "au moins 0" says nothing). A metric without a row here falls back to
 * its statistics label, plural whatever the number.
 */
export type Forms = { one: string; other: string; none: string };
export type FigureWording = { fr: Forms; en: Forms };

const w = (fr: [string, string, string], en: [string, string, string]): FigureWording => ({
  fr: { one: fr[0], other: fr[1], none: fr[2] }, en: { one: en[0], other: en[1], none: en[2] },
});

export const FIGURE_WORDING: Record<MetricCode, FigureWording> = {
  evictions: w(['expulsion', 'expulsions', 'aucune expulsion observée'], ['eviction', 'evictions', 'no eviction observed']),
  distinctSites: w(['lieu de vie distinct', 'lieux de vie distincts', 'aucun lieu de vie'], ['distinct living site', 'distinct living sites', 'no living site']),
  operations: w(['opération policière', 'opérations policières', 'aucune opération policière observée'], ['police operation', 'police operations', 'no police operation observed']),
  personsEvicted: w(['personne expulsée', 'personnes expulsées', 'aucune personne expulsée'], ['person evicted', 'people evicted', 'nobody evicted']),
  women: w(['femme expulsée', 'femmes expulsées', 'aucune femme expulsée'], ['woman evicted', 'women evicted', 'no women evicted']),
  children: w(['enfant expulsé', 'enfants expulsés', 'aucun enfant expulsé'], ['child evicted', 'children evicted', 'no children evicted']),
  families: w(['famille expulsée', 'familles expulsées', 'aucune famille expulsée'], ['family evicted', 'families evicted', 'no families evicted']),
  unaccompaniedMinors: w(
    ['mineur non accompagné rencontré', 'mineurs non accompagnés rencontrés', 'aucun mineur non accompagné rencontré'],
    ['unaccompanied minor met', 'unaccompanied minors met', 'no unaccompanied minors met'],
  ),
  arrests: w(['interpellation', 'interpellations', 'aucune interpellation'], ['arrest', 'arrests', 'no arrests']),
  arrestsWithViolence: w(['interpellation avec violence', 'interpellations avec violence', 'aucune interpellation avec violence'], ['arrest with violence', 'arrests with violence', 'no arrests with violence']),
  idChecks: w(['contrôle d’identité', 'contrôles d’identité', 'aucun contrôle d’identité'], ['ID check', 'ID checks', 'no ID checks']),
  shelterAccepted: w(
    ['personne ayant accepté une mise à l’abri', 'personnes ayant accepté une mise à l’abri', 'personne n’a accepté de mise à l’abri'],
    ['person who accepted shelter', 'people who accepted shelter', 'nobody accepted shelter'],
  ),
  itemsSeized: w(['affaire saisie', 'affaires saisies', 'aucune affaire saisie'], ['item seized', 'items seized', 'no belongings seized']),
  tentsSeized: w(['tente saisie', 'tentes saisies', 'aucune tente saisie'], ['tent seized', 'tents seized', 'no tents seized']),
  tentsWithBelongingsSeized: w(['tente pleine d’affaires saisie', 'tentes pleines d’affaires saisies', 'aucune tente pleine d’affaires saisie'], ['tent full of belongings seized', 'tents full of belongings seized', 'no tents full of belongings seized']),
  tarpsSeized: w(['bâche saisie', 'bâches saisies', 'aucune bâche saisie'], ['tarp seized', 'tarps seized', 'no tarps seized']),
  sleepingBagsSeized: w(['sac de couchage saisi', 'sacs de couchage saisis', 'aucun sac de couchage saisi'], ['sleeping bag seized', 'sleeping bags seized', 'no sleeping bags seized']),
  blanketsSeized: w(['couverture saisie', 'couvertures saisies', 'aucune couverture saisie'], ['blanket seized', 'blankets seized', 'no blankets seized']),
  mattressesSeized: w(['matelas saisi', 'matelas saisis', 'aucun matelas saisi'], ['mattress seized', 'mattresses seized', 'no mattresses seized']),
  bagsSeized: w(['sac saisi', 'sacs saisis', 'aucun sac saisi'], ['bag seized', 'bags seized', 'no bags seized']),
  palletsWoodSeized: w(['palette ou morceau de bois saisi', 'palettes et morceaux de bois saisis', 'aucune palette ni bois saisi'], ['pallet or piece of wood seized', 'pallets and pieces of wood seized', 'no pallets or wood seized']),
  chairsSeized: w(['chaise saisie', 'chaises saisies', 'aucune chaise saisie'], ['chair seized', 'chairs seized', 'no chairs seized']),
  bikesSeized: w(['vélo saisi', 'vélos saisis', 'aucun vélo saisi'], ['bike seized', 'bikes seized', 'no bikes seized']),
  phonesSeized: w(['téléphone ou batterie saisi', 'téléphones et batteries saisis', 'aucun téléphone ni batterie saisi'], ['phone or battery seized', 'phones and batteries seized', 'no phones or batteries seized']),
  documentsSeized: w(['document saisi', 'documents saisis', 'aucun document saisi'], ['document seized', 'documents seized', 'no documents seized']),
  medicinesSeized: w(['médicament saisi', 'médicaments saisis', 'aucun médicament saisi'], ['medicine seized', 'medicines seized', 'no medicines seized']),
  structuresDestroyed: w(['structure détruite', 'structures détruites', 'aucune structure détruite'], ['structure destroyed', 'structures destroyed', 'no structures destroyed']),
  incidentsViolence: w(['violence contre des personnes exilées', 'violences contre des personnes exilées', 'aucune violence constatée'], ['act of violence against exiled people', 'acts of violence against exiled people', 'no violence recorded']),
  incidentsObstruction: w(['entrave à l’observation', 'entraves à l’observation', 'aucune entrave à l’observation'], ['obstruction of observers', 'obstructions of observers', 'no obstruction of observers']),
  shelterOffered: w(['expulsion avec mise à l’abri proposée', 'expulsions avec mise à l’abri proposée', 'aucune mise à l’abri proposée'], ['eviction where shelter was offered', 'evictions where shelter was offered', 'no shelter offered']),
  socialAssessment: w(['expulsion avec diagnostic social', 'expulsions avec diagnostic social', 'aucun diagnostic social'], ['eviction with a social assessment', 'evictions with a social assessment', 'no social assessment']),
  daysObserved: w(['jour d’observation', 'jours d’observation', 'aucun jour d’observation'], ['day of observation', 'days of observation', 'no days of observation']),
};

/** Shorter forms when a figure follows its whole: "12 interpellations, dont 3 avec violence". */
const PART_WORDING: Partial<Record<MetricCode, FigureWording>> = {
  arrestsWithViolence: w(['avec violence', 'avec violence', 'aucune avec violence'], ['with violence', 'with violence', 'none with violence']),
  tentsWithBelongingsSeized: w(['pleine d’affaires', 'pleines d’affaires', 'aucune pleine d’affaires'], ['full of belongings', 'full of belongings', 'none full of belongings']),
};

/**
 * Parts that read as what the main figure spans rather than what it contains:
 * "101 expulsions de 16 lieux de vie distincts", not "dont 16 lieux de vie".
 */
const SPANNING_PARTS: ReadonlySet<MetricCode> = new Set(['distinctSites']);

export type Lang = 'fr' | 'en';

const AT_LEAST: Record<Lang, string> = { fr: 'au moins', en: 'at least' };
const NOT_OBSERVED: Record<Lang, string> = { fr: 'non observé', en: 'not observed' };

function formsOf(metric: CitableMetric, lang: Lang, asPart: boolean): Forms {
  // The rounds' figures carry their own forms ("aucune maraude"); they have no part wording.
  if (isRoundMetricCode(metric)) return ROUND_METRICS.find((x) => x.code === metric)!.forms[lang];
  return (asPart ? PART_WORDING[metric]?.[lang] : undefined) ?? FIGURE_WORDING[metric][lang];
}

export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
}

export const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * How a figure reads:
 *  - `value` (default): a table cell or headline number — "au moins 12", "12", "0", "non observé";
 *  - `phrase`: a sentence with its noun — "au moins 12 tentes saisies", "aucune tente saisie",
 *    "tentes saisies : non observé" (needs `metric`, or explicit `forms` for record wordings);
 *  - `part`: the short phrase after "dont" ("dont 3 avec violence").
 */
export type FigureWordingOptions =
  | { style?: 'value' }
  | { style: 'phrase' | 'part'; metric: CitableMetric }
  | { style: 'phrase'; forms: Forms; label: string };

export function wordFigure(f: Figure, lang: Lang, options: FigureWordingOptions = {}): string {
  const n = formatNumber(f.value, lang);
  if (!('metric' in options) && !('forms' in options)) {
    if (f.unobserved) return NOT_OBSERVED[lang];
    return f.atLeast && f.value !== 0 ? `${AT_LEAST[lang]} ${n}` : n;
  }
  const style = options.style;
  const forms = 'forms' in options ? options.forms : formsOf(options.metric, lang, style === 'part');
  if (f.unobserved) {
    const label = 'forms' in options ? options.label : metricLabel(options.metric, lang);
    return `${label}${lang === 'fr' ? '\u00a0: ' : ': '}${NOT_OBSERVED[lang]}`;
  }
  if (f.value === 0) return forms.none;
  const atLeast = f.atLeast ? `${AT_LEAST[lang]} ` : '';
  return `${atLeast}${n} ${f.value === 1 ? forms.one : forms.other}`;
}

/** "au moins 12" / "at least 12" / "12" / "0" / "non observé": a figure as a value (dashboard, public page, tables). */
export function formatFigure(f: Figure, lang: Lang): string {
  return wordFigure(f, lang);
}

/** "au moins 12 tentes saisies", "1 tente saisie", "aucune tente saisie"; "au moins" only for a minimum. */
export function figurePhrase(metric: CitableMetric, f: Figure, lang: Lang, asPart = false): string {
  return wordFigure(f, lang, { style: asPart ? 'part' : 'phrase', metric });
}

/** One line of the figure list, its part joined the way it reads ("dont", "de", "including", "of"). */
export function figureLine(line: { metric: CitableMetric; figure: Figure; part: { metric: CitableMetric; figure: Figure } | null }, lang: Lang): string {
  const main = figurePhrase(line.metric, line.figure, lang);
  // A part of nothing, or a part that is nothing, adds no information.
  if (!line.part || line.figure.value === 0 || line.part.figure.value === 0) return capitalise(main);
  const part = figurePhrase(line.part.metric, line.part.figure, lang, true);
  if (SPANNING_PARTS.has(line.part.metric as MetricCode)) {
    const of = lang === 'en' ? 'of ' : /^[aeiou]/i.test(part) ? 'd’' : 'de ';
    return capitalise(`${main} ${of}${part}`);
  }
  return capitalise(`${main}, ${lang === 'fr' ? 'dont' : 'including'} ${part}`);
}

/** A comparison table cell: "au moins 12", "12", "0", "non observé". */
export function figureValue(f: Figure, lang: Lang): string {
  return wordFigure(f, lang);
}

/** A column header for a metric in the comparison table ("Tentes saisies"). */
export function metricHeading(metric: CitableMetric, lang: Lang): string {
  return capitalise(metricLabel(metric, lang));
}

/** How a force corps reads in a forces line: with its article when led by it, bare after "sans". */
const CORPS_WORDS: Record<string, { fr: [string, string]; en: [string, string] }> = {
  crs: { fr: ['les CRS', 'CRS'], en: ['the CRS', 'CRS'] },
  gm: { fr: ['la gendarmerie mobile', 'gendarmerie mobile'], en: ['the mobile gendarmerie', 'mobile gendarmerie'] },
  pn: { fr: ['la police nationale', 'police nationale'], en: ['the national police', 'national police'] },
  bac: { fr: ['la BAC', 'BAC'], en: ['the BAC', 'BAC'] },
  paf: { fr: ['la PAF', 'PAF'], en: ['the PAF', 'PAF'] },
  pm: { fr: ['la police municipale', 'police municipale'], en: ['the municipal police', 'municipal police'] },
};

function corpsWords(c: { code: string; fr: string; en: string }, lang: Lang, bare: boolean): string {
  const known = CORPS_WORDS[c.code]?.[lang];
  return known ? known[bare ? 1 : 0] : c[lang];
}

function listOf(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items[items.length - 1]}`;
}

/**
 * A forces line under the evictions: "Dont 2 menées par la police nationale et la BAC sans CRS",
 * "Dont au moins 1 menée par…", "Dont aucune menée par…"; worded by `wordFigure` like every figure.
 */
export function forcesLine(
  figure: Figure,
  forces: { present: ReadonlyArray<{ code: string; fr: string; en: string }>; absent: ReadonlyArray<{ code: string; fr: string; en: string }> },
  lang: Lang,
): string {
  const by = listOf(forces.present.map((c) => corpsWords(c, lang, false)), lang);
  const without = forces.absent.length === 0 ? '' : ` ${lang === 'fr' ? 'sans' : 'without'} ${listOf(forces.absent.map((c) => corpsWords(c, lang, true)), lang === 'fr' ? 'fr' : 'en').replace(/ and /, ' or ').replace(/ et /, ' ni ')}`;
  const led = lang === 'fr' ? `par ${by}${without}` : `by ${by}${without}`;
  const forms: Forms = lang === 'fr'
    ? { one: `menée ${led}`, other: `menées ${led}`, none: `aucune menée ${led}` }
    : { one: `carried out ${led}`, other: `carried out ${led}`, none: `none carried out ${led}` };
  const phrase = wordFigure(figure, lang, { style: 'phrase', forms, label: forms.other });
  return capitalise(`${lang === 'fr' ? 'dont' : 'including'} ${phrase}`);
}
