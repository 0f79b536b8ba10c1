import type { Count, Locale, RecordChange, RecordVersionView } from '@vigie/domain/rules';

/**
 * Version history as sentences in the reader's language ("Matelas saisis : 3 → 5, par Noor,
 * mardi 30 avril 2024 à 11 h 20"), never JSON with field names. Pure: the words come in.
 */
export interface Wording {
  locale: Locale;
  /** A field's label ("Personnes expulsées", "Huissier présent"), or null when unknown. */
  field: (field: string) => string | null;
  /** A list value's label from its kind and code. */
  term: (kind: string, code: string) => string;
  /** Fixed words: empty value, yes/no, seized/destroyed patterns, notes added, merged… */
  words: {
    empty: string; yes: string; no: string; seized: string; destroyed: string; noteAdded: string; changed: string;
    created: string; merged: string; status: (code: string) => string; coverage: (code: string) => string; interpreter: (code: string) => string;
  };
}

type Tally = { term: string; n: number; atLeast: boolean };
type Note = { text: string };
type Force = { corps: string };

const isCount = (v: unknown): v is Count => typeof v === 'object' && v !== null && 'n' in v && 'atLeast' in v;

function count(c: unknown, w: Wording): string {
  if (!isCount(c)) return w.words.empty;
  if (!c.atLeast) return String(c.n);
  return w.locale === 'fr' ? `au moins ${c.n}` : `at least ${c.n}`;
}

/** "mardi 30 avril 2024 à 11 h 20" / "Tuesday 30 April 2024 at 11:20", in Paris time. */
export function longDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = d.toLocaleDateString(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  const [h, m] = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).split(':');
  return locale === 'fr' ? `${day} à ${Number(h)} h ${m}` : `${day} at ${h}:${m}`;
}

function plain(v: unknown, w: Wording): string {
  if (v === null || v === undefined || v === '') return w.words.empty;
  if (typeof v === 'boolean') return v ? w.words.yes : w.words.no;
  if (isCount(v)) return count(v, w);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return longDateTime(v, w.locale);
  return String(v);
}

/** Item lists change per item: one sentence per item type whose figure moved. */
function tallySentences(kind: 'seized' | 'destroyed', before: unknown, after: unknown, w: Wording): string[] {
  const list = (v: unknown) => new Map(((Array.isArray(v) ? v : []) as Tally[]).map((t) => [t.term, t]));
  const b = list(before);
  const a = list(after);
  const termKind = kind === 'seized' ? 'item_type' : 'structure_type';
  const pattern = kind === 'seized' ? w.words.seized : w.words.destroyed;
  return [...new Set([...b.keys(), ...a.keys()])].sort().flatMap((term) => {
    const x = b.get(term);
    const y = a.get(term);
    if (x && y && x.n === y.n && x.atLeast === y.atLeast) return [];
    return [`${pattern.replace('{{label}}', w.term(termKind, term))} : ${count(x, w)} → ${count(y, w)}`];
  });
}

export function changeSentences(c: RecordChange, w: Wording): string[] {
  const label = w.field(c.field);
  switch (c.field) {
    case 'seized': case 'destroyed': return tallySentences(c.field, c.before, c.after, w);
    case 'notes': {
      // An eviction's notes are a list (one sentence per note added); an operation's or a site's are plain text.
      if (!Array.isArray(c.after)) return label === null ? [] : [`${label} : ${plain(c.before, w)} → ${plain(c.after, w)}`];
      const known = new Set(((Array.isArray(c.before) ? c.before : []) as Note[]).map((n) => n.text));
      return ((Array.isArray(c.after) ? c.after : []) as Note[]).filter((n) => !known.has(n.text)).map((n) => `${w.words.noteAdded} « ${n.text} »`);
    }
    case 'forces': {
      const corps = (v: unknown) => ((Array.isArray(v) ? v : []) as Force[]).map((f) => w.term('force_corps', f.corps)).join(', ') || w.words.empty;
      return [`${label ?? c.field} : ${corps(c.before)} → ${corps(c.after)}`];
    }
    case 'status': return [`${label ?? c.field} : ${c.before ? w.words.status(String(c.before)) : w.words.empty} → ${w.words.status(String(c.after))}`];
    case 'coverage': return [`${label ?? c.field} : ${c.before ? w.words.coverage(String(c.before)) : w.words.empty} → ${w.words.coverage(String(c.after))}`];
    case 'interpreter': return [`${label ?? c.field} : ${c.before ? w.words.interpreter(String(c.before)) : w.words.empty} → ${w.words.interpreter(String(c.after))}`];
    case 'legalBasisCategory': return [`${label ?? c.field} : ${c.before ? w.term('legal_basis_category', String(c.before)) : w.words.empty} → ${c.after ? w.term('legal_basis_category', String(c.after)) : w.words.empty}`];
    case 'mergedFrom': return [w.words.merged.replace('{{count}}', String(Array.isArray(c.after) ? c.after.length : 0))];
    default:
      if (label === null) return [];
      return [`${label} : ${plain(c.before, w)} → ${plain(c.after, w)}`];
  }
}

/** One version's sentences, each ending with who and when. The first version reads "Créée par …". */
export function versionSentences(v: RecordVersionView, w: Wording, byWho: (name: string, when: string) => string): string[] {
  const suffix = byWho(v.changedBy.displayName ?? '?', longDateTime(v.changedAt, w.locale));
  if (v.version === 1) return [`${w.words.created}${suffix}`];
  const lines = v.changes.flatMap((c) => changeSentences(c, w));
  return (lines.length ? lines : [w.words.changed]).map((l) => `${l}${suffix}`);
}
