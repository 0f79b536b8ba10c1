import type { Count } from '@vigie/domain/rules';
import { formatDate as formatDomainDate, type Locale } from '@vigie/domain/rules';
import type { Term } from '../../../offline/types';

const tag = (l: Locale) => (l === 'fr' ? 'fr-FR' : 'en-GB');

export function formatTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString(tag(locale), { hour: '2-digit', minute: '2-digit' });
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  // Short on a phone, with the year when it is not this one ("mar. 30 avr. 2024").
  return formatDomainDate(iso, locale, { style: 'short' });
}

/** "jeu. 3 déc. 2026": the year too, for lists that span more than one. */
export function formatDateYear(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleDateString(tag(locale), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  return iso ? `${formatDate(iso, locale)} ${formatTime(iso, locale)}` : '';
}

/** "au moins 12" / "at least 12" / "12" (same wording as the domain's formatCount). */
export function formatCount(c: Count, locale: Locale): string {
  if (!c.atLeast) return String(c.n);
  return locale === 'fr' ? `au moins ${c.n}` : `at least ${c.n}`;
}

/** HH:MM of an instant in the phone's time zone, for <input type="time">. */
export function toTimeInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Sets the hour and minute of `dayIso` (same local day) from an <input type="time"> value. */
export function fromTimeInput(dayIso: string, hhmm: string): string | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const d = new Date(dayIso);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.toISOString();
}

export function termLabel(term: Term | undefined, code: string, locale: Locale): string {
  if (!term) return code;
  return locale === 'fr' ? term.labelFr : term.labelEn;
}

export function termsOf(terms: readonly Term[] | undefined, kind: Term['kind']): Term[] {
  return (terms ?? []).filter((t) => t.kind === kind && t.active).sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
}
