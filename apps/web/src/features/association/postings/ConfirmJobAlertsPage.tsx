import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { jobAlertsApi, type JobAlertConfirmationView } from './jobAlertsApi';

/** The page behind the confirmation link: opening it (as mail scanners do) confirms nothing; only the button does. */
export function ConfirmJobAlertsPage() {
  const t = useT();
  const { params } = useRoute();
  const token = params.token ?? '';
  const [state, setState] = useState<JobAlertConfirmationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { jobAlertsApi.confirmation(token).then(setState, (e) => setError(errorMessage(e))); }, [token]);
  async function confirm() {
    setBusy(true); setError(null);
    try { setState(await jobAlertsApi.confirm(token)); } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  }
  const categories = state?.categories.map((c) => t(`association.jobAlerts.category.${c}`)).join(', ') ?? '';
  return (
    <Screen title={t('association.jobAlerts.confirmTitle')} narrow>
      <FormError message={error} />
      {state && (state.confirmed
        ? <StatusMessage message={t('association.jobAlerts.done', { organisation: state.organisation })} />
        : state.expired
          ? <p>{t('association.jobAlerts.expired')}</p>
          : (
            <>
              <p>{t('association.jobAlerts.question', { organisation: state.organisation, address: state.address, categories })}</p>
              <Button testId="job-alerts-confirm" busy={busy} onClick={confirm}>{t('association.jobAlerts.confirm')}</Button>
            </>
          ))}
    </Screen>
  );
}
