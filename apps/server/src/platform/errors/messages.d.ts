import type { Locale } from '@vigie/domain';
import fr from './messages.fr.json';
export type MessageKey = keyof typeof fr;
/** Renders a server message in the user's language, filling {{placeholders}}. */
export declare function translate(key: MessageKey, locale: Locale, vars?: Record<string, unknown>): string;
