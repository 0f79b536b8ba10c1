import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';

type State = { address: string; listName: string | null; unsubscribed: boolean };

/**
 * The page behind the link at the foot of every bulk mail. Opening it changes nothing (link
 * scanners open links); the button posts, as the mail client's one-click does.
 */
export function UnsubscribePage() {
  const t = useT();
  const { params } = useRoute();
  const url = `/api/public/unsubscribe/${encodeURIComponent(params.token ?? '')}`;
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api.get<State>(url).then(setState, (e) => setError(errorMessage(e))); }, [url]);
  return (
    <Screen title={t('contacts.unsubscribe.title')} narrow>
      <FormError message={error} />
      {state && (state.unsubscribed
        ? <p data-testid="unsubscribe-done">{t('contacts.unsubscribe.done', { address: state.address, list: state.listName ?? '' })}</p>
        : (
          <>
            <p>{t('contacts.unsubscribe.question', { address: state.address, list: state.listName ?? '' })}</p>
            <Button testId="unsubscribe-confirm" onClick={() => api.post<State>(url).then(setState, (e) => setError(errorMessage(e)))}>
              {t('contacts.unsubscribe.confirm')}
            </Button>
          </>
        ))}
    </Screen>
  );
}
