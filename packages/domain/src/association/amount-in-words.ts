/**
 * An amount in euros written out in French, as the tax receipt (CERFA 11580) asks: "somme en
 * toutes lettres". Traditional spelling: hyphens inside tens ("quatre-vingt-deux"), "et" for 21,
 * 31…71 ("soixante et onze"), "vingts"/"cents" plural only when ending the number and multiplied
 * ("quatre-vingts", "deux cents", but "deux cent un", "quatre-vingt mille"), "mille" invariable.
 */
const UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix',
  'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99; `final` says whether nothing follows (only then does "quatre-vingts" take its s). */
function belowHundred(n: number, final: boolean): string {
  if (n < 20) return UNITS[n]!;
  const ten = Math.floor(n / 10);
  const unit = n % 10;
  if (ten === 7 || ten === 9) {
    const base = ten === 7 ? 'soixante' : 'quatre-vingt';
    const rest = 10 + unit;
    return ten === 7 && unit === 1 ? `${base} et onze` : `${base}-${UNITS[rest]}`;
  }
  if (ten === 8) return unit === 0 ? (final ? 'quatre-vingts' : 'quatre-vingt') : `quatre-vingt-${UNITS[unit]}`;
  if (unit === 0) return TENS[ten]!;
  if (unit === 1) return `${TENS[ten]} et un`;
  return `${TENS[ten]}-${UNITS[unit]}`;
}

/** 0–999. */
function belowThousand(n: number, final: boolean): string {
  const hundred = Math.floor(n / 100);
  const rest = n % 100;
  if (hundred === 0) return belowHundred(rest, final);
  const head = hundred === 1 ? 'cent' : `${UNITS[hundred]} cent${rest === 0 && final ? 's' : ''}`;
  return rest === 0 ? head : `${head} ${belowHundred(rest, final)}`;
}

/** A whole number from 0 to 999 999 999 in French words. */
export function integerInFrench(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`out of range: ${n}`);
  if (n === 0) return 'zéro';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (millions) parts.push(`${belowThousand(millions, true)} million${millions > 1 ? 's' : ''}`);
  if (thousands) parts.push(thousands === 1 ? 'mille' : `${belowThousand(thousands, false)} mille`);
  if (rest) parts.push(belowThousand(rest, true));
  return parts.join(' ');
}

/** 12345 cents → "cent vingt-trois euros et quarante-cinq centimes". */
export function euroAmountInFrench(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  // "un million d'euros": "de" before the currency after million(s) with nothing after.
  const eurosWords = euros === 0 ? '' : `${integerInFrench(euros)}${euros % 1_000_000 === 0 ? " d'euros" : euros === 1 ? ' euro' : ' euros'}`;
  const centWords = rest === 0 ? '' : `${integerInFrench(rest)} centime${rest > 1 ? 's' : ''}`;
  if (!eurosWords) return centWords || 'zéro euro';
  return centWords ? `${eurosWords} et ${centWords}` : eurosWords;
}

/** 12345 cents → "123,45 €" (the figures the receipt prints beside the words; non-breaking spaces). */
export function euroAmountInFigures(cents: number): string {
  const euros = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${euros},${String(cents % 100).padStart(2, '0')}\u00a0€`;
}
