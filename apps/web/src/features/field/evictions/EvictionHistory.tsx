import type { RecordVersionView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { TermLabel } from './EvictionFacts';
import { versionSentences, type Wording } from './historySentences';

const FIELD_KEYS: Record<string, string> = {
  arrivedAt: 'field.eviction.arrivedAt', leftAt: 'field.eviction.leftAt', coverage: 'field.eviction.coverage', status: 'records.eviction.status',
  legalBasisText: 'field.eviction.legalText', legalBasisCategory: 'field.eviction.legalCategory', forces: 'records.eviction.forces',
  interpreter: 'field.interpreter.label', rejectionReason: 'records.eviction.rejectionReason', siteId: 'records.eviction.site',
};

/** The record's versions, newest first, each as sentences in the reader's language. */
export function EvictionHistory({ versions, term }: { versions: RecordVersionView[]; term: TermLabel }) {
  const t = useT();
  const locale = useLocale();
  const tt = t as (key: string, vars?: Record<string, unknown>) => string;
  const wording: Wording = {
    locale,
    field: (f) => {
      if (f.startsWith('counts.')) return tt(`field.counts.${f.slice(7)}`);
      if (['bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution', 'peopleMovingBack'].includes(f)) return tt(`field.flags.${f}`);
      return FIELD_KEYS[f] ? tt(FIELD_KEYS[f]) : null;
    },
    term,
    words: {
      empty: t('records.eviction.empty'), yes: t('records.eviction.yes'), no: t('records.eviction.no'),
      seized: t('records.eviction.seized', { label: '{{label}}' }),
      destroyed: t('records.eviction.destroyed', { label: '{{label}}' }),
      noteAdded: t('records.eviction.noteAdded'), changed: t('records.eviction.changed'), created: t('records.eviction.created'),
      merged: t('records.eviction.merged', { count: '{{count}}' }),
      status: (c) => tt(`field.evictionStatus.${c}`), coverage: (c) => tt(`field.coverage.${c}`), interpreter: (c) => tt(`field.interpreter.${c}`),
    },
  };
  const byWho = (name: string, when: string) => t('records.eviction.by', { name, when });
  return (
    <ol class="history" data-testid="record-history" reversed>
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <ul>{versionSentences(v, wording, byWho).map((s, i) => <li key={i}>{s}</li>)}</ul>
        </li>
      ))}
    </ol>
  );
}
