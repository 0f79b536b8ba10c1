import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { JOB_ALERT_CATEGORIES, type JobAlertCategory } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { DoubleOptInForm } from '../../../forms/DoubleOptInForm';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { jobAlertsApi, type JobAlertFormView } from './jobAlertsApi';

/**
 * The public job-alerts request (no account), linked from the public jobs page: the newsletter's
 * double opt-in form with the categories to follow. Nothing is subscribed until the person
 * presses the button in the confirmation mail.
 */
export function JobAlertsPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const slug = params.slug!;
  const [form, setForm] = useState<JobAlertFormView | null>(null);
  const [categories, setCategories] = useState<JobAlertCategory[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { jobAlertsApi.form(slug).then(setForm, (e) => setError(errorMessage(e))); }, [slug]);
  const language = locale === 'en' ? 'en' : 'fr';
  const toggle = (c: JobAlertCategory, on: boolean) => setCategories((cs) => (on ? [...cs, c] : cs.filter((x) => x !== c)));

  return (
    <Screen title={form ? t('association.jobAlerts.titleFor', { organisation: form.organisation }) : t('association.jobAlerts.title')} narrow>
      <FormError message={error} />
      <DoubleOptInForm
        consentText={form ? form.formText[language] : null}
        labels={{
          email: t('association.jobAlerts.email'), submit: t('association.jobAlerts.submit'), consentMissing: t('association.jobAlerts.consentMissing'),
          checkInbox: (email) => t('association.jobAlerts.checkInbox', { email }),
        }}
        testIds={{ email: 'job-alerts-email', submit: 'job-alerts-submit' }}
        before={(
          <>
            <p>{t('association.jobAlerts.intro')}</p>
            <fieldset>
              <legend>{t('association.jobAlerts.categories')}</legend>
              {JOB_ALERT_CATEGORIES.map((c) => (
                <Checkbox key={c} label={t(`association.jobAlerts.category.${c}`)} checked={categories.includes(c)} onChecked={(on) => toggle(c, on)} />
              ))}
            </fieldset>
          </>
        )}
        check={() => (categories.length === 0 ? t('association.jobAlerts.noCategory') : null)}
        send={(email) => jobAlertsApi.request(slug, { email, categories, language, formVersion: form!.formVersion, consent: true })}
        footer={form && { href: form.jobsUrl, label: t('association.jobAlerts.jobs') }}
      />
    </Screen>
  );
}
