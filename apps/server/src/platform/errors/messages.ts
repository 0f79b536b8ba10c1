import type { Locale } from '@vigie/domain';
import en from './messages.en.json' with { type: 'json' };
import fr from './messages.fr.json' with { type: 'json' };

export type MessageKey = keyof typeof fr;
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** Renders a server message in the user's language, filling {{placeholders}}. */
export function translate(key: MessageKey, locale: Locale, vars: Record<string, unknown> = {}): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES.fr[key];
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}
