import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { JOB_ALERT_CATEGORIES, type JobAlertCategory } from '@vigie/domain/rules';
import { ApiError, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { jobAlertsApi, type JobAlertFormView } from './jobAlertsApi';

/**
 * The public job-alerts request (no account), linked from the public jobs page. Nothing is
 * subscribed until the person presses the button in the confirmation mail.
 */
export function JobAlertsPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const slug = params.slug!;
  const [form, setForm] = useState<JobAlertFormView | null>(null);
  const [email, setEmail] = useState('');
  const [categories, setCategories] = useState<JobAlertCategory[]>([]);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => { jobAlertsApi.form(slug).then(setForm, (e) => setError(errorMessage(e))); }, [slug]);
  const language = locale === 'en' ? 'en' : 'fr';
  const toggle = (c: JobAlertCategory, on: boolean) => setCategories((cs) => (on ? [...cs, c] : cs.filter((x) => x !== c)));

  async function submit(e: Event) {
    e.preventDefault();
    if (!form) return;
    setError(null); setEmailError(null);
    if (categories.length === 0) { setError(t('association.jobAlerts.noCategory')); return; }
    if (!consent) { setError(t('association.jobAlerts.consentMissing')); return; }
    setBusy(true);
    try {
      await jobAlertsApi.request(slug, { email, categories, language, formVersion: form.formVersion, consent: true });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'newsletter.invalid_email') setEmailError(err.message);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={form ? t('association.jobAlerts.titleFor', { organisation: form.organisation }) : t('association.jobAlerts.title')} narrow>
      {done ? <StatusMessage message={t('association.jobAlerts.checkInbox', { email })} /> : (
        <form onSubmit={submit} noValidate>
          <FormError message={error} />
          <p>{t('association.jobAlerts.intro')}</p>
          <fieldset>
            <legend>{t('association.jobAlerts.categories')}</legend>
            {JOB_ALERT_CATEGORIES.map((c) => (
              <Checkbox key={c} label={t(`association.jobAlerts.category.${c}`)} checked={categories.includes(c)} onChecked={(on) => toggle(c, on)} />
            ))}
          </fieldset>
          <TextField label={t('association.jobAlerts.email')} type="email" value={email} onValue={setEmail} required autocomplete="email" inputMode="email"
            maxLength={320} error={emailError} testId="job-alerts-email" />
          {form && <Checkbox label={form.formText[language]} checked={consent} onChecked={setConsent} />}
          <Button type="submit" busy={busy} disabled={!form} testId="job-alerts-submit">{t('association.jobAlerts.submit')}</Button>
          {form && <p class="field-hint"><a href={form.jobsUrl}>{t('association.jobAlerts.jobs')}</a></p>}
        </form>
      )}
    </Screen>
  );
}
