import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SessionView } from '@vigie/domain/rules';
import { ApiError, api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { collect, email as checkEmail, required, totpCode } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession } from './session';
import { safeNext } from './safeNext';

export function LoginPage() {
  const t = useT();
  const { signIn } = useSession();
  const { route, query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const form = useForm<'email' | 'password' | 'totp'>();

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  const submit = form.onSubmit(
    () =>
      collect({
        email: checkEmail(email),
        password: required(password),
        totp: needsTotp ? totpCode(totp) : undefined,
      }),
    async () => {
      try {
        const session = await api.post<SessionView>('/api/auth/login', {
          email: email.trim(),
          password,
          ...(needsTotp ? { totp: totp.trim() } : {}),
        });
        await signIn(session);
        route(safeNext(query.next), true);
      } catch (error) {
        // The password was right; the server now wants the second factor. Not an error to shout about.
        if (error instanceof ApiError && error.code === 'auth.totp_required' && !needsTotp) {
          setNeedsTotp(true);
          return;
        }
        throw error;
      }
    },
  );

  return (
    <Screen title={t('login.title')} narrow>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={t('login.emailLabel')}
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
        <TextField
          label={t('login.passwordLabel')}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onValue={setPassword}
          error={form.errors.password}
        />
        {needsTotp && (
          <TextField
            label={t('login.totpLabel')}
            hint={t('login.totpHint')}
            name="totp"
            inputMode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            value={totp}
            onValue={setTotp}
            error={form.errors.totp}
            inputRef={totpRef}
          />
        )}
        <Button type="submit" busy={form.busy}>
          {t('login.submit')}
        </Button>
      </form>
      <p class="after-form">
        <a href="/reset">{t('login.forgot')}</a>
      </p>
    </Screen>
  );
}
