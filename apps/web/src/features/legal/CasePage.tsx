import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { LEGAL_CASE_STATUSES, LEGAL_OUTCOMES } from '@vigie/domain/rules';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { CaseDeadlines } from './CaseDeadlines';
import { CaseDocuments } from './CaseDocuments';
import { CaseHistory } from './CaseHistory';
import { CaseLinks, CaseParties, CaseTasks } from './CaseSections';
import { DateField, TextArea } from './fields';
import { LawyerAccess } from './LawyerAccess';
import { formatDay, legalApi, type LegalCaseView, type LegalSharedCaseView } from './legalApi';
import './legal.css';

/** One case file: status and timeline, parties, links, tasks, documents, deadlines, lawyer access. */
export function CasePage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id!;
  const [file, setFile] = useState<LegalCaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { legalApi.get(id).then(setFile, (e) => setError(errorMessage(e))); }, [id]);
  const change = (work: () => Promise<LegalCaseView>) => work().then((f) => { setFile(f); setError(null); }, (e) => setError(errorMessage(e)));
  return (
    <Screen title={file?.title ?? t('legalCases.title')}>
      <p><a href="/legal">{t('legalCases.case.back')}</a></p>
      <FormError message={error} />
      {file && (
        <>
          <CaseHeader file={file} />
          <StatusForm file={file} change={change} />
          <CaseDeadlines caseId={file.id} />
          <CaseParties file={file} change={change} />
          <CaseLinks file={file} change={change} />
          {/* The bundle page counts the evidence of the case's linked evictions as the case's own. */}
          <p><a class="btn btn-secondary" href={`/legal/bundle?case=${file.id}`} data-testid="case-bundle-link">{t('legalEvidence.links.bundle')}</a></p>
          <CaseTasks file={file} change={change} />
          <CaseDocuments file={file} change={change} />
          <CaseHistory file={file} />
          <LawyerAccess caseId={file.id} />
        </>
      )}
    </Screen>
  );
}

export function CaseHeader({ file }: { file: LegalCaseView | LegalSharedCaseView }) {
  const t = useT();
  return (
    <dl class="legal-case-header" data-testid="case-header">
      <dt>{t('legalCases.form.actionType')}</dt><dd>{t(`legalCases.actionTypes.${file.actionType}`)}</dd>
      {file.court && (<><dt>{t('legalCases.form.court')}</dt><dd>{file.court}</dd></>)}
      {file.externalReference && (<><dt>{t('legalCases.form.reference')}</dt><dd>{file.externalReference}</dd></>)}
      <dt>{t('legalCases.case.status')}</dt><dd data-testid="case-status">{t(`legalCases.statuses.${file.status}`)}</dd>
      <dt>{t('legalCases.case.outcome')}</dt><dd>{file.outcome ? t(`legalCases.outcomes.${file.outcome}`) : t('legalCases.outcomes.none')}{file.outcomeNote && ` — ${file.outcomeNote}`}</dd>
      {file.summary && (<><dt>{t('legalCases.form.summary')}</dt><dd>{file.summary}</dd></>)}
    </dl>
  );
}

export function Timeline({ file }: { file: LegalCaseView | LegalSharedCaseView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol class="legal-timeline" data-testid="case-timeline">
      {file.timeline.map((e) => (
        <li key={e.id}>
          <time>{formatDay(e.occurredOn, locale, 'short')}</time>{' '}
          {e.status && t(`legalCases.statuses.${e.status}` as 'legalCases.statuses.filed')}
          {e.outcome && t(`legalCases.outcomes.${e.outcome}` as 'legalCases.outcomes.granted')}
          {e.note && ` — ${e.note}`} <small>({e.actorName})</small>
        </li>
      ))}
    </ol>
  );
}

function StatusForm({ file, change }: { file: LegalCaseView; change: (w: () => Promise<LegalCaseView>) => void }) {
  const t = useT();
  const [status, setStatus] = useState<string>(file.status);
  const [outcome, setOutcome] = useState<string>(file.outcome ?? '');
  const [note, setNote] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  function submit(e: Event) {
    e.preventDefault();
    change(async () => {
      const f = await legalApi.change(file.id, 'events', {
        ...(status !== file.status && { status }), ...(outcome !== (file.outcome ?? '') && { outcome: outcome || null }),
        ...(note && { note }), ...(occurredOn && { occurredOn }),
      });
      setNote('');
      return f;
    });
  }
  return (
    <section aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('legalCases.case.timeline')}</h2>
      <Timeline file={file} />
      <form class="legal-inline-form" onSubmit={submit}>
        <SelectField label={t('legalCases.case.status')} value={status} onValue={setStatus} options={LEGAL_CASE_STATUSES.map((s) => ({ value: s, label: t(`legalCases.statuses.${s}`) }))} />
        <SelectField label={t('legalCases.case.outcome')} value={outcome} onValue={setOutcome}
          options={[{ value: '', label: t('legalCases.outcomes.none') }, ...LEGAL_OUTCOMES.map((o) => ({ value: o, label: t(`legalCases.outcomes.${o}`) }))]} />
        <DateField label={t('legalCases.case.occurredOn')} value={occurredOn} onValue={setOccurredOn} />
        <TextArea label={t('legalCases.case.note')} value={note} onValue={setNote} />
        <Button type="submit" variant="secondary" testId="case-record-event">{t('legalCases.case.record')}</Button>
      </form>
    </section>
  );
}
