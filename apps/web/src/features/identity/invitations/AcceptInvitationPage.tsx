import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Role, SessionView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { currentLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { NewPasswordFields } from '../../../ui/NewPasswordFields';
import { collect, confirmation, newPassword, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession } from '../auth/session';

interface Lookup {
  email: string;
  role: Role;
  organisationName: string;
}

type Field = 'displayName' | 'password' | 'confirm';

export function AcceptInvitationPage() {
  const t = useT();
  const { query, route } = useLocation();
  const { signIn } = useSession();
  const token = query.token ?? '';
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(token ? null : t('invitation.missingToken'));
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useForm<Field>();

  useEffect(() => {
    if (!token) return;
    api
      .get<Lookup>(`/api/invitations/lookup?token=${encodeURIComponent(token)}`)
      .then(setLookup, (error: unknown) => setLookupError(errorMessage(error)));
  }, [token]);

  const submit = form.onSubmit(
    () => collect({ displayName: required(displayName), password: newPassword(password), confirm: confirmation(password, confirm) }),
    async () => {
      const uiLocale = currentLocale();
      let session = await api.post<SessionView>('/api/invitations/accept', { token, displayName: displayName.trim(), password });
      // The new account starts with the server's default language; keep the one the person was reading.
      if (session.user.locale !== uiLocale) {
        const saved = await api.patch('/api/me', { locale: uiLocale }).then(() => true, () => false);
        if (saved) session = { ...session, user: { ...session.user, locale: uiLocale } };
      }
      await signIn(session);
      route('/', true);
    },
  );

  const title = lookup ? t('invitation.titleOrganisation', { organisation: lookup.organisationName }) : t('invitation.title');
  return (
    <Screen title={title} narrow>
      <FormError message={lookupError} />
      {!lookup && !lookupError && <p>{t('app.loading')}</p>}
      {lookup && (
        <>
          <p>{t('invitation.summary', { organisation: lookup.organisationName, role: t(`roles.${lookup.role}`) })}</p>
          <form ref={form.formRef} onSubmit={submit} noValidate>
            <FormError message={form.formError} />
            <TextField label={t('invitation.emailLabel')} type="email" name="email" autocomplete="username" readOnly value={lookup.email} />
            <TextField
              label={t('invitation.nameLabel')}
              name="name"
              autocomplete="name"
              required
              value={displayName}
              onValue={setDisplayName}
              error={form.errors.displayName}
            />
            <NewPasswordFields
              passwordLabel={t('invitation.passwordLabel')}
              confirmLabel={t('invitation.confirmLabel')}
              password={password}
              confirm={confirm}
              onPassword={setPassword}
              onConfirm={setConfirm}
              passwordError={form.errors.password}
              confirmError={form.errors.confirm}
            />
            <Button type="submit" busy={form.busy}>
              {t('invitation.submit')}
            </Button>
          </form>
        </>
      )}
    </Screen>
  );
}
