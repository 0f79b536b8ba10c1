import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SessionView } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { NewPasswordFields } from '../../../ui/NewPasswordFields';
import { collect, confirmation, newPassword } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession } from './session';

export function ResetConfirmPage() {
  const t = useT();
  const { query, route } = useLocation();
  const { signIn } = useSession();
  const token = query.token ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const form = useForm<'password' | 'confirm'>();

  const submit = form.onSubmit(
    () => collect({ password: newPassword(password), confirm: confirmation(password, confirm) }),
    async () => {
      const result = await api.post<Partial<SessionView> | undefined>('/api/auth/password-reset/confirm', { token, password });
      // Some deployments sign the person in straight away; otherwise they log in themselves.
      if (result?.user && result.csrfToken) {
        await signIn(result as SessionView);
        route('/', true);
        return;
      }
      setDone(true);
    },
  );

  return (
    <Screen title={t('reset.confirmTitle')} narrow>
      <StatusMessage message={done ? t('reset.done') : null} />
      {!token && <FormError message={t('reset.missingToken')} />}
      {token && !done && (
        <form ref={form.formRef} onSubmit={submit} noValidate>
          <FormError message={form.formError} />
          <NewPasswordFields
            passwordLabel={t('reset.passwordLabel')}
            confirmLabel={t('reset.confirmLabel')}
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            passwordError={form.errors.password}
            confirmError={form.errors.confirm}
          />
          <Button type="submit" busy={form.busy}>
            {t('reset.confirmSubmit')}
          </Button>
        </form>
      )}
      <p class="after-form">
        <a href="/login">{t('reset.backToLogin')}</a>
      </p>
    </Screen>
  );
}
