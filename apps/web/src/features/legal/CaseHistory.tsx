import { useT } from '../../i18n';
import { RecordHistory, useHistoryWording } from '../field/evictions/RecordHistory';
import type { LegalCaseView } from './legalApi';

const LABELS: Record<string, string> = {
  title: 'legalCases.form.title', actionType: 'legalCases.form.actionType', court: 'legalCases.form.court',
  externalReference: 'legalCases.form.reference', summary: 'legalCases.form.summary', status: 'legalCases.case.status',
  outcome: 'legalCases.case.outcome', outcomeNote: 'legalCases.case.note',
};

/** The case's own fields, version by version, worded like every record's history. */
export function CaseHistory({ file }: { file: LegalCaseView }) {
  const t = useT();
  const tt = t as (key: string) => string;
  const wording = useHistoryWording((f) => (LABELS[f] ? tt(LABELS[f]) : null), (_kind, code) => code, {
    created: t('records.case.created'), status: (c) => tt(`legalCases.statuses.${c}`),
  });
  const show = (field: string, v: unknown) => {
    if (field === 'actionType' && typeof v === 'string') return tt(`legalCases.actionTypes.${v}`);
    if (field === 'outcome' && typeof v === 'string') return tt(`legalCases.outcomes.${v}`);
    return v;
  };
  return (
    <section aria-labelledby="case-history-title">
      <h2 id="case-history-title">{t('records.eviction.history')}</h2>
      <RecordHistory versions={file.history} wording={wording} show={show} testId="case-history" />
    </section>
  );
}
