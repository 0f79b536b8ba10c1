import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiError, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { subscribeApi, type NewsletterSignupFormView } from './newsletterApi';

/**
 * The public sign-up page (no account), linked from the organisation's public site index.
 * The consent text shown is the one recorded in the ledger, with its version, once the person
 * confirms from the mail; until then nothing is subscribed.
 */
export function SubscribePage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const slug = params.slug!;
  const [form, setForm] = useState<NewsletterSignupFormView | null>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => { subscribeApi.form(slug).then(setForm, (e) => setError(errorMessage(e))); }, [slug]);
  const language = locale === 'en' ? 'en' : 'fr';

  async function submit(e: Event) {
    e.preventDefault();
    if (!form) return;
    setError(null); setEmailError(null);
    if (!consent) { setError(t('newsletter.subscribe.consentMissing')); return; }
    setBusy(true);
    try {
      await subscribeApi.signUp(slug, { email, ...(name.trim() && { name }), language, formVersion: form.formVersion, consent: true });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'newsletter.invalid_email') setEmailError(err.message);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={form ? t('newsletter.subscribe.titleFor', { organisation: form.organisation }) : t('newsletter.subscribe.title')} narrow>
      {done ? <StatusMessage message={t('newsletter.subscribe.checkInbox', { email })} /> : (
        <form onSubmit={submit} noValidate>
          <FormError message={error} />
          <TextField label={t('newsletter.subscribe.email')} type="email" value={email} onValue={setEmail} required autocomplete="email" inputMode="email"
            maxLength={320} error={emailError} testId="subscribe-email" />
          <TextField label={t('newsletter.subscribe.name')} value={name} onValue={setName} maxLength={200} autocomplete="name" />
          {form && <Checkbox label={form.formText[language]} checked={consent} onChecked={setConsent} />}
          <Button type="submit" busy={busy} disabled={!form} testId="subscribe-submit">{t('newsletter.subscribe.submit')}</Button>
          {form && <p class="field-hint"><a href={form.archiveUrl}>{t('newsletter.subscribe.archive')}</a></p>}
        </form>
      )}
    </Screen>
  );
}
