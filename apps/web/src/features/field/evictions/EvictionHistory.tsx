import type { RecordVersionView } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import type { TermLabel } from './EvictionFacts';
import { RecordHistory, useHistoryWording } from './RecordHistory';

const FIELD_KEYS: Record<string, string> = {
  arrivedAt: 'field.eviction.arrivedAt', leftAt: 'field.eviction.leftAt', coverage: 'field.eviction.coverage', status: 'records.eviction.status',
  legalBasisText: 'field.eviction.legalText', legalBasisCategory: 'field.eviction.legalCategory', forces: 'records.eviction.forces',
  interpreter: 'field.interpreter.label', rejectionReason: 'records.eviction.rejectionReason', siteId: 'records.eviction.site',
};
const FLAGS = ['bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution', 'peopleMovingBack'];

/** The eviction's versions, newest first, each as sentences in the reader's language. */
export function EvictionHistory({ versions, term }: { versions: RecordVersionView[]; term: TermLabel }) {
  const t = useT();
  const tt = t as (key: string) => string;
  const wording = useHistoryWording((f) => {
    if (f.startsWith('counts.')) return tt(`field.counts.${f.slice(7)}`);
    if (FLAGS.includes(f)) return tt(`field.flags.${f}`);
    return FIELD_KEYS[f] ? tt(FIELD_KEYS[f]) : null;
  }, term);
  return <RecordHistory versions={versions} wording={wording} testId="record-history" />;
}
