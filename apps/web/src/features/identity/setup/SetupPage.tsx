import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SessionView } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { currentLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { NewPasswordFields } from '../../../ui/NewPasswordFields';
import { collect, confirmation, email as checkEmail, newPassword, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession } from '../auth/session';

type Field = 'code' | 'organisationName' | 'displayName' | 'email' | 'password' | 'confirm';

export function SetupPage() {
  const t = useT();
  const { signIn } = useSession();
  const { route, query } = useLocation();
  // The server console prints a link carrying the code: `/setup?code=…`.
  const [values, setValues] = useState<Record<Field, string>>({
    code: query.code ?? '',
    organisationName: '',
    displayName: '',
    email: '',
    password: '',
    confirm: '',
  });
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const form = useForm<Field>();

  const submit = form.onSubmit(
    () =>
      collect({
        code: required(values.code),
        organisationName: required(values.organisationName),
        displayName: required(values.displayName),
        email: checkEmail(values.email),
        password: newPassword(values.password),
        confirm: confirmation(values.password, values.confirm),
      }),
    async () => {
      const session = await api.post<SessionView>('/api/setup', {
        code: values.code.trim(),
        organisationName: values.organisationName.trim(),
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
        locale: currentLocale(),
      });
      await signIn(session);
      route('/', true);
    },
  );

  return (
    <Screen title={t('setup.title')} narrow>
      <p>{t('setup.intro')}</p>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={t('setup.codeLabel')}
          hint={t('setup.codeHint')}
          name="code"
          autocomplete="off"
          spellcheck={false}
          required
          value={values.code}
          onValue={set('code')}
          error={form.errors.code}
        />
        <TextField
          label={t('setup.organisationLabel')}
          name="organisation"
          autocomplete="organization"
          required
          value={values.organisationName}
          onValue={set('organisationName')}
          error={form.errors.organisationName}
        />
        <TextField
          label={t('setup.nameLabel')}
          name="name"
          autocomplete="name"
          required
          value={values.displayName}
          onValue={set('displayName')}
          error={form.errors.displayName}
        />
        <TextField
          label={t('setup.emailLabel')}
          type="email"
          name="email"
          autocomplete="username"
          inputMode="email"
          spellcheck={false}
          required
          value={values.email}
          onValue={set('email')}
          error={form.errors.email}
        />
        <NewPasswordFields
          passwordLabel={t('setup.passwordLabel')}
          confirmLabel={t('setup.confirmLabel')}
          password={values.password}
          confirm={values.confirm}
          onPassword={set('password')}
          onConfirm={set('confirm')}
          passwordError={form.errors.password}
          confirmError={form.errors.confirm}
        />
        <Button type="submit" busy={form.busy}>
          {t('setup.submit')}
        </Button>
      </form>
    </Screen>
  );
}
