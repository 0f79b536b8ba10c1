import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { hasPermission, useUser } from '../identity/auth/session';
import { legalApi, type LegalCaseSummaryView } from './legalApi';

/** "Ouvrir un dossier" on an eviction, with the cases already linked to it; legal.manage only. */
export function OpenCaseLink({ evictionId }: { evictionId: string }) {
  const t = useT();
  const user = useUser();
  const allowed = hasPermission(user, 'legal.manage');
  const [cases, setCases] = useState<LegalCaseSummaryView[]>([]);
  useEffect(() => {
    if (allowed) legalApi.cases(evictionId).then(setCases, () => setCases([]));
  }, [evictionId, allowed]);
  if (!allowed) return null;
  return (
    <div class="legal-open-case">
      {cases.length > 0 && (
        <p>
          {t('legalCases.cases.existing')}{' '}
          {cases.map((c, i) => (
            <span key={c.id}>{i > 0 && ', '}<a href={`/legal/cases/${c.id}`}>{c.title}</a></span>
          ))}
        </p>
      )}
      <a class="btn btn-secondary" href={`/legal/cases/new?evictionId=${evictionId}`} data-testid="open-legal-case">
        {t('legalCases.cases.open')}
      </a>
    </div>
  );
}
