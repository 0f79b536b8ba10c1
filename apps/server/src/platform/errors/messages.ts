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

/**
 * Words for an error's placeholders: most come straight from its details; a list of record
 * problems is spelt out ("leftAt : départ avant l'arrivée").
 */
export function messageVars(details: Record<string, unknown> | undefined, locale: Locale): Record<string, unknown> {
  if (!details) return {};
  const problems = details.problems;
  if (!Array.isArray(problems)) return details;
  const words = problems.map((p: { field: string; problem: string }) => `${p.field} : ${translate(`problem.${p.problem}` as MessageKey, locale)}`);
  return { ...details, problems: words.join(' ; ') };
}
