import type { ChartSpec } from './chart-spec.js';

/**
 * Number and date formats handed to vega (d3-format / d3-time-format definitions). French
 * groups thousands with a no-break space and writes a decimal comma, so "1 234,5" never
 * wraps between its digits.
 */
type Locale = ChartSpec['locale'];

const NUMBER = {
  fr: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0€'] },
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] },
} as const;

const TIME = {
  fr: {
    dateTime: '%A %e %B %Y à %X', date: '%d/%m/%Y', time: '%H:%M:%S', periods: ['AM', 'PM'],
    days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    shortDays: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    shortMonths: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  },
  en: {
    dateTime: '%a %e %b %Y %X', date: '%d/%m/%Y', time: '%H:%M:%S', periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
} as const;

export function vegaLocale(locale: Locale) {
  return { number: NUMBER[locale], time: TIME[locale] };
}

/** Up to two decimals, trailing zeros dropped, thousands grouped: counts read "1 234", rates "2,5". */
export const VALUE_FORMAT = ',.2~f';

const ISO_YEAR = /^\d{4}$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The label shown for an x value: ISO calendar dates in the chart's language ("févr. 2025",
 * "13 févr. 2025"), anything else as given. The dates are calendar dates already in Paris time,
 * so they are formatted in UTC, which shifts nothing.
 */
export function xLabelOf(x: string, locale: Locale): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  if (ISO_YEAR.test(x)) return x;
  if (ISO_MONTH.test(x)) {
    return new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${x}-01T00:00:00Z`));
  }
  if (ISO_DAY.test(x)) {
    const d = new Date(`${x}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return x;
}
