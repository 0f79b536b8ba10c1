import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { DoubleOptInForm } from '../../../forms/DoubleOptInForm';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
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
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { subscribeApi.form(slug).then(setForm, (e) => setError(errorMessage(e))); }, [slug]);
  const language = locale === 'en' ? 'en' : 'fr';

  return (
    <Screen title={form ? t('newsletter.subscribe.titleFor', { organisation: form.organisation }) : t('newsletter.subscribe.title')} narrow>
      <FormError message={error} />
      <DoubleOptInForm
        consentText={form ? form.formText[language] : null}
        labels={{
          email: t('newsletter.subscribe.email'), submit: t('newsletter.subscribe.submit'), consentMissing: t('newsletter.subscribe.consentMissing'),
          checkInbox: (email) => t('newsletter.subscribe.checkInbox', { email }),
        }}
        testIds={{ email: 'subscribe-email', submit: 'subscribe-submit' }}
        after={<TextField label={t('newsletter.subscribe.name')} value={name} onValue={setName} maxLength={200} autocomplete="name" />}
        send={(email) => subscribeApi.signUp(slug, { email, ...(name.trim() && { name }), language, formVersion: form!.formVersion, consent: true })}
        footer={form && { href: form.archiveUrl, label: t('newsletter.subscribe.archive') }}
      />
    </Screen>
  );
}
