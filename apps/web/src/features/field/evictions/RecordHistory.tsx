import type { RecordVersionView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { TermLabel } from './EvictionFacts';
import { versionSentences, type Wording } from './historySentences';

/**
 * The wording every record's history shares (empty, yes/no, notes added, created…): each record
 * type brings only its field labels and list values; `own` overrides the first version's word and the status labels.
 */
export function useHistoryWording(field: (f: string) => string | null, term: TermLabel, own: { created?: string; status?: (code: string) => string } = {}): Wording {
  const t = useT();
  const locale = useLocale();
  const tt = t as (key: string, vars?: Record<string, unknown>) => string;
  return {
    locale, field, term,
    words: {
      empty: t('records.eviction.empty'), yes: t('records.eviction.yes'), no: t('records.eviction.no'),
      seized: t('records.eviction.seized', { label: '{{label}}' }),
      destroyed: t('records.eviction.destroyed', { label: '{{label}}' }),
      noteAdded: t('records.eviction.noteAdded'), changed: t('records.eviction.changed'), created: own.created ?? t('records.eviction.created'),
      merged: t('records.eviction.merged', { count: '{{count}}' }),
      status: own.status ?? ((c) => tt(`field.evictionStatus.${c}`)), coverage: (c) => tt(`field.coverage.${c}`), interpreter: (c) => tt(`field.interpreter.${c}`),
    },
  };
}

/**
 * Any record's versions (eviction, operation, incident, site), newest first, each as sentences in
 * the reader's language. `show` turns a stored value into a readable one (names for ids, lists as text).
 */
export function RecordHistory({ versions, wording, show, testId }: {
  versions: RecordVersionView[]; wording: Wording; show?: (field: string, value: unknown) => unknown; testId: string;
}) {
  const t = useT();
  const readable = (v: RecordVersionView): RecordVersionView => (!show ? v : {
    ...v,
    changes: v.changes.map((c) => ({ ...c, before: show(c.field, c.before) as typeof c.before, after: show(c.field, c.after) as typeof c.after })),
  });
  const byWho = (name: string, when: string) => t('records.eviction.by', { name, when });
  return (
    <ol class="history" data-testid={testId} reversed>
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <ul>{versionSentences(readable(v), wording, byWho).map((s, i) => <li key={i}>{s}</li>)}</ul>
        </li>
      ))}
    </ol>
  );
}
