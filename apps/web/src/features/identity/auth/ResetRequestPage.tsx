import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { collect, email as checkEmail } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';

export function ResetRequestPage() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useForm<'email'>();

  // The answer is the same whether or not the account exists, so that this form cannot be
  // used to find out who works with the observatory.
  const submit = form.onSubmit(
    () => collect({ email: checkEmail(email) }),
    async () => {
      await api.post('/api/auth/password-reset/request', { email: email.trim() });
      setSent(true);
    },
  );

  return (
    <Screen title={t('reset.requestTitle')} narrow>
      <StatusMessage message={sent ? t('reset.requestSent') : null} />
      {!sent && (
        <>
          <p>{t('reset.requestIntro')}</p>
          <form ref={form.formRef} onSubmit={submit} noValidate>
            <FormError message={form.formError} />
            <TextField
              label={t('reset.emailLabel')}
              type="email"
              name="email"
              autocomplete="username"
              inputMode="email"
              spellcheck={false}
              required
              value={email}
              onValue={setEmail}
              error={form.errors.email}
            />
            <Button type="submit" busy={form.busy}>
              {t('reset.requestSubmit')}
            </Button>
          </form>
        </>
      )}
      <p class="after-form">
        <a href="/login">{t('reset.backToLogin')}</a>
      </p>
    </Screen>
  );
}
