import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { subscribeApi, type NewsletterConfirmationView } from './newsletterApi';

/**
 * The page behind the confirmation link. Opening it (as mail security scanners do) confirms
 * nothing; only the button's POST does.
 */
export function ConfirmSubscriptionPage() {
  const t = useT();
  const { params } = useRoute();
  const token = params.token ?? '';
  const [state, setState] = useState<NewsletterConfirmationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { subscribeApi.confirmation(token).then(setState, (e) => setError(errorMessage(e))); }, [token]);
  async function confirm() {
    setBusy(true); setError(null);
    try { setState(await subscribeApi.confirm(token)); } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  }
  return (
    <Screen title={t('newsletter.confirm.title')} narrow>
      <FormError message={error} />
      {state && (state.confirmed
        ? <StatusMessage message={t('newsletter.confirm.done', { organisation: state.organisation })} />
        : state.expired
          ? <p>{t('newsletter.confirm.expired')}</p>
          : (
            <>
              <p>{t('newsletter.confirm.question', { organisation: state.organisation, address: state.address })}</p>
              <Button testId="subscribe-confirm" busy={busy} onClick={confirm}>{t('newsletter.confirm.button')}</Button>
            </>
          ))}
    </Screen>
  );
}
