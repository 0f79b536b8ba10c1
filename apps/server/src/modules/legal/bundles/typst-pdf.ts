import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';

/**
 * PDFs of the legal pole (bundle manifest, witness statement, pattern evidence) are typeset by
 * Typst in-process (platform/pdf/typst.ts): data handed over as JSON, never spliced into the
 * markup, so an observer's account containing "#", "$" or "]" is only text.
 */
export function renderPdf(template: string, data: unknown, createdAt = new Date()): Buffer {
  return renderTypstPdf(template, data, {}, createdAt);
}

const PARIS = 'Europe/Paris';

/** "13/02/2026 à 07:12" in Paris time: how a French court reads a time. */
export function parisDateTime(instant: Date | string | null): string | null {
  if (!instant) return null;
  return format(new TZDate(new Date(instant).getTime(), PARIS), "dd/MM/yyyy 'à' HH:mm:ss");
}

export function parisHour(instant: Date | string | null): string | null {
  if (!instant) return null;
  return format(new TZDate(new Date(instant).getTime(), PARIS), "HH'h'mm");
}

/** A calendar day (YYYY-MM-DD, already a Paris day) written out: "vendredi 13 février 2026". */
export function longFrenchDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'EEEE d MMMM yyyy', { locale: fr });
}

export function shortFrenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
