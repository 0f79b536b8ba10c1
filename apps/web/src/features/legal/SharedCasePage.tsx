import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { FormError } from '../../ui/FormError';
import { DeadlineItem } from './CaseDeadlines';
import { CaseHeader, Timeline } from './CasePage';
import { CaseDocuments } from './CaseDocuments';
import { formatDay, legalApi, type DeadlineView, type LegalSharedCaseView } from './legalApi';
import './legal.css';

/** What a lawyer sees through a shared link: the case, read-only, without identities. */
export function SharedCasePage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const token = params.token!;
  const [shared, setShared] = useState<{ case: LegalSharedCaseView; deadlines: DeadlineView[]; lawyerName: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { legalApi.shared(token).then(setShared, (e) => setError(errorMessage(e))); }, [token]);
  const file = shared?.case;
  return (
    <Screen title={file?.title ?? t('legalCases.shared.title')}>
      <FormError message={error} />
      {shared && file && (
        <>
          <p>{t('legalCases.shared.readOnly', { name: shared.lawyerName, date: formatDay(shared.expiresAt.slice(0, 10), locale) })}</p>
          <CaseHeader file={file} />
          <h2>{t('legalCases.case.timeline')}</h2>
          <Timeline file={file} />
          <h2>{t('legalCases.deadlines.title')}</h2>
          <ul class="legal-deadlines">{shared.deadlines.map((d) => <DeadlineItem key={d.id} d={d} />)}</ul>
          <h2>{t('legalCases.case.parties')}</h2>
          <ul>{file.parties.map((p) => <li key={p.id}>{p.pseudonym ?? p.name} — {t(`legalCases.partyKinds.${p.kind}`)}, {t(`legalCases.partyRoles.${p.role}`)}</li>)}</ul>
          <h2>{t('legalCases.case.links')}</h2>
          <ul>{file.links.map((l) => <li key={l.id}>{t(`legalCases.case.targets.${l.target}`)} : {l.label}</li>)}</ul>
          <CaseDocuments file={file} readOnlyBase={`/api/legal/shared/${token}/documents`} />
        </>
      )}
    </Screen>
  );
}
