import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { UI_LOCALES, applyLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { collect, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession, useUser } from '../auth/session';

export function ProfileDetailsForm() {
  const t = useT();
  const user = useUser();
  const { refresh } = useSession();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<'displayName' | 'locale'>();

  // The header switch may change the language while this form is open.
  useEffect(() => setLocale(user.locale), [user.locale]);

  const submit = form.onSubmit(
    () => collect({ displayName: required(displayName), locale: undefined }),
    async () => {
      setStatus(null);
      await api.patch('/api/me', { displayName: displayName.trim(), locale });
      await applyLocale(locale);
      await refresh();
      setStatus(t('profile.saved'));
    },
  );

  return (
    <section aria-labelledby="profile-details">
      <h2 id="profile-details">{t('profile.infoTitle')}</h2>
      <p>{t('profile.email', { email: user.email })}</p>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <StatusMessage message={status} />
        <TextField
          label={t('profile.nameLabel')}
          name="name"
          autocomplete="name"
          required
          value={displayName}
          onValue={setDisplayName}
          error={form.errors.displayName}
        />
        <SelectField
          label={t('profile.languageLabel')}
          value={locale}
          options={UI_LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          onValue={(value) => setLocale(value as Locale)}
          error={form.errors.locale}
        />
        <Button type="submit" busy={form.busy}>
          {t('profile.save')}
        </Button>
      </form>
    </section>
  );
}
