import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { NewPasswordFields } from '../../../ui/NewPasswordFields';
import { collect, confirmation, newPassword, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

export function ChangePasswordForm() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Field>();

  const submit = form.onSubmit(
    () => collect({ currentPassword: required(current), newPassword: newPassword(next), confirm: confirmation(next, confirm) }),
    async () => {
      setStatus(null);
      await api.post('/api/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setStatus(t('profile.passwordChanged'));
    },
  );

  return (
    <section aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.passwordTitle')}</h2>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <StatusMessage message={status} />
        <TextField
          label={t('profile.currentLabel')}
          type="password"
          name="current-password"
          autocomplete="current-password"
          required
          value={current}
          onValue={setCurrent}
          error={form.errors.currentPassword}
        />
        <NewPasswordFields
          passwordLabel={t('profile.newLabel')}
          confirmLabel={t('profile.confirmLabel')}
          password={next}
          confirm={confirm}
          onPassword={setNext}
          onConfirm={setConfirm}
          passwordError={form.errors.newPassword}
          confirmError={form.errors.confirm}
        />
        <Button type="submit" busy={form.busy}>
          {t('profile.passwordSubmit')}
        </Button>
      </form>
    </section>
  );
}
