/**
 * Keyword rules of the media monitoring ("veille"), as the desk writes them:
 *
 *   "Human Rights Observers" OR HRO NOT "HRO Today"
 *   expuls* Calais OU Grande-Synthe SAUF football
 *
 * - a term is a word or a "quoted phrase"; a trailing `*` matches the start of a word (expuls*);
 * - terms side by side must all be present (AND; `AND`/`ET` may be written);
 * - `OR`/`OU` separates alternatives;
 * - `NOT`/`SAUF` (or a leading `-`) excludes an item where the next term is present, whatever
 *   the alternatives;
 * - matching ignores case and accents ("Expulsé" = "expulse") and punctuation, and works on
 *   whole words: "HRO" does not match "throne".
 *
 * A rule that would match (almost) everything is refused: nothing to look for, only exclusions,
 * a very common word ("le", "the") or a prefix shorter than three letters.
 */

export type RuleTerm = { text: string; normalised: string; prefix: boolean };
export type ParsedRule = { alternatives: RuleTerm[][]; exclusions: RuleTerm[] };
export type RuleProblem =
  | { problem: 'empty' }
  | { problem: 'only_exclusions' }
  | { problem: 'unbalanced_quote' }
  | { problem: 'too_broad'; term: string };
export type RuleParse = { ok: true; rule: ParsedRule } | { ok: false; error: RuleProblem };

/** Lower case, accents and punctuation removed, words separated by one space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œ]/g, 'oe').replace(/[æ]/g, 'ae').replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words so common in French or English press that a rule made only of them matches everything. */
const COMMON_WORDS = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'et', 'ou', 'a', 'au', 'aux', 'en', 'dans', 'par', 'pour', 'sur', 'avec',
  'est', 'sont', 'il', 'elle', 'ils', 'elles', 'on', 'ce', 'cette', 'qui', 'que', 'qu', 'ne', 'pas', 'plus', 'se', 's', 'son', 'sa', 'ses',
  'the', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'is', 'are', 'was', 'were', 'be', 'it', 'its', 'this', 'that',
  'at', 'as', 'from', 'he', 'she', 'they', 'not', 'has', 'have', 'had', 'but', 'we', 'you', 'i',
]);

type Token = { kind: 'term'; term: RuleTerm; negated: boolean } | { kind: 'or' } | { kind: 'not' } | { kind: 'and' };

function makeTerm(text: string): RuleTerm | null {
  const prefix = /\*$/.test(text.trim()) && !/^".*"$/.test(text.trim());
  const normalised = normaliseText(text.replace(/\*/g, ' '));
  if (!normalised) return null;
  return { text: text.trim(), normalised, prefix };
}

function tokenise(expression: string): Token[] | RuleProblem {
  const tokens: Token[] = [];
  const re = /\s*(-?)(?:"([^"]*)"|“([^”]*)”|«\s*([^»]*?)\s*»|(\S+))/gy;
  const quotes = (expression.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return { problem: 'unbalanced_quote' };
  let m: RegExpExecArray | null;
  while ((m = re.exec(expression)) !== null) {
    if (m[0].trim() === '') break;
    const negated = m[1] === '-';
    const quoted = m[2] ?? m[3] ?? m[4];
    const word = m[5];
    if (quoted === undefined && word !== undefined && !negated) {
      const op = word.toUpperCase();
      if (op === 'OR' || op === 'OU' || op === '|') { tokens.push({ kind: 'or' }); continue; }
      if (op === 'NOT' || op === 'SAUF') { tokens.push({ kind: 'not' }); continue; }
      if (op === 'AND' || op === 'ET' || op === '&') { tokens.push({ kind: 'and' }); continue; }
    }
    const term = makeTerm(quoted ?? word ?? '');
    if (term) tokens.push({ kind: 'term', term: quoted !== undefined ? { ...term, prefix: false } : term, negated });
  }
  return tokens;
}

function isTooBroad(term: RuleTerm): boolean {
  if (term.prefix) return term.normalised.replace(/ /g, '').length < 3;
  const words = term.normalised.split(' ');
  return words.every((w) => COMMON_WORDS.has(w) || w.length < 2);
}

export function parseRule(expression: string): RuleParse {
  const tokens = tokenise(expression);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  const alternatives: RuleTerm[][] = [[]];
  const exclusions: RuleTerm[] = [];
  let negateNext = false;
  for (const t of tokens) {
    if (t.kind === 'or') { if (alternatives.at(-1)!.length > 0) alternatives.push([]); negateNext = false; continue; }
    if (t.kind === 'not') { negateNext = true; continue; }
    if (t.kind === 'and') continue;
    if (t.negated || negateNext) exclusions.push(t.term);
    else alternatives.at(-1)!.push(t.term);
    negateNext = false;
  }
  const kept = alternatives.filter((a) => a.length > 0);
  if (kept.length === 0) return { ok: false, error: exclusions.length > 0 ? { problem: 'only_exclusions' } : { problem: 'empty' } };
  for (const alternative of kept) {
    // An alternative is as broad as its narrowest term: "le Calais" is fine, "le" alone is not.
    if (alternative.every(isTooBroad)) return { ok: false, error: { problem: 'too_broad', term: alternative.map((a) => a.text).join(' ') } };
  }
  return { ok: true, rule: { alternatives: kept, exclusions } };
}

/** The text a rule is matched against, normalised once per item. */
export type MatchTarget = { padded: string };
export function matchTarget(...parts: Array<string | null | undefined>): MatchTarget {
  return { padded: ` ${normaliseText(parts.filter(Boolean).join(' \n '))} ` };
}

function termFound(target: MatchTarget, term: RuleTerm): boolean {
  return target.padded.includes(term.prefix ? ` ${term.normalised}` : ` ${term.normalised} `);
}

/** The terms that made the item match (every satisfied alternative), or null when it does not match. */
export function matchRule(rule: ParsedRule, target: MatchTarget): string[] | null {
  if (rule.exclusions.some((t) => termFound(target, t))) return null;
  const matched: string[] = [];
  for (const alternative of rule.alternatives) {
    if (alternative.every((t) => termFound(target, t))) matched.push(...alternative.map((t) => t.text.replace(/^"|"$/g, '')));
  }
  return matched.length > 0 ? [...new Set(matched)] : null;
}

/** Convenience for tests and previews: parse and match in one go (throws on a refused rule). */
export function ruleMatches(expression: string, text: string): string[] | null {
  const parsed = parseRule(expression);
  if (!parsed.ok) throw new Error(`refused rule: ${parsed.error.problem}`);
  return matchRule(parsed.rule, matchTarget(text));
}

const FR_MARKERS = new Set(['le', 'la', 'les', 'des', 'du', 'une', 'est', 'dans', 'pour', 'avec', 'sur', 'qui', 'pas', 'aux', 'et']);
const EN_MARKERS = new Set(['the', 'of', 'and', 'is', 'in', 'for', 'with', 'on', 'that', 'was', 'were', 'are', 'by', 'from']);

/** French or English from the commonest words, when a feed does not say; null when it cannot tell. */
export function guessLanguage(text: string): 'fr' | 'en' | null {
  let fr = 0;
  let en = 0;
  for (const w of normaliseText(text).split(' ').slice(0, 400)) {
    if (FR_MARKERS.has(w)) fr += 1;
    if (EN_MARKERS.has(w)) en += 1;
  }
  if (fr + en < 3) return null;
  return fr >= en ? 'fr' : 'en';
}
