import { countNoun, formatDate, formatDateTime, formatMonth, formatPercent, formatPeriod, formatQuantity, type DateOptions } from '@vigie/domain/rules';
import { useLocale, useT } from '../i18n';
import type { fr } from '../i18n/catalogues';

export type Noun = keyof (typeof fr)['office']['nouns'];

/**
 * The domain's French/English formats bound to the screen's language, plus counted nouns
 * whose forms live in the message files ("1 nouveau lieu", "3 nouveaux lieux").
 */
export function useFormats() {
  const t = useT();
  const locale = useLocale();
  return {
    locale,
    count: (n: number, noun: Noun) => countNoun(n, { one: t(`office.nouns.${noun}.one`), other: t(`office.nouns.${noun}.other`) }, locale),
    number: (n: number, decimals = 1) => formatQuantity(n, locale, decimals),
    percent: (ratio: number) => formatPercent(ratio, locale),
    date: (value: string | Date, options?: DateOptions) => formatDate(value, locale, options),
    dateTime: (value: string | Date) => formatDateTime(value, locale),
    month: (yyyyMm: string) => formatMonth(yyyyMm, locale),
    period: (from: string, to: string) => formatPeriod(from, to, locale),
  };
}
