import { type Locale } from '@vigie/domain';
/** French unless the browser prefers a language we have before French. */
export declare function localeFromAcceptLanguage(header: string | undefined): Locale;
