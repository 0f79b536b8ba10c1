import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { collect, totpCode } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { useSession, useUser } from '../auth/session';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** A complete SVG document produced by the server. */
  qrSvg: string;
}

export function TwoFactorPage() {
  const t = useT();
  const user = useUser();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [forcedAtStart] = useState(user.mustEnrolTotp);
  const start = useForm<never>();
  const confirm = useForm<'code'>();

  const begin = start.onSubmit(
    () => ({}),
    async () => {
      setStatus(null);
      setSetup(await api.post<TotpSetup>('/api/auth/totp/setup'));
    },
  );

  const enable = confirm.onSubmit(
    () => collect({ code: totpCode(code) }),
    async () => {
      await api.post('/api/auth/totp/enable', { code: code.trim() });
      setSetup(null);
      setCode('');
      await refresh();
      setStatus(t('twofactor.enabled'));
    },
  );

  const disable = confirm.onSubmit(
    () => collect({ code: totpCode(code) }),
    async () => {
      await api.post('/api/auth/totp/disable', { code: code.trim() });
      setCode('');
      await refresh();
      setStatus(t('twofactor.disabled'));
    },
  );

  const codeField = (
    <TextField
      label={t('twofactor.codeLabel')}
      name="totp"
      inputMode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      required
      value={code}
      onValue={setCode}
      error={confirm.errors.code}
    />
  );

  return (
    <Screen title={t('twofactor.title')} narrow>
      {user.mustEnrolTotp && <p class="notice">{t('twofactor.forced')}</p>}
      <p>{t('twofactor.intro')}</p>
      <StatusMessage message={status} />
      <p>
        <strong>{user.totpEnabled ? t('twofactor.statusOn') : t('twofactor.statusOff')}</strong>
      </p>

      {!user.totpEnabled && !setup && (
        <form ref={start.formRef} onSubmit={begin} noValidate>
          <FormError message={start.formError} />
          <Button type="submit" busy={start.busy}>
            {t('twofactor.start')}
          </Button>
        </form>
      )}

      {!user.totpEnabled && setup && (
        <form ref={confirm.formRef} onSubmit={enable} noValidate>
          <p>{t('twofactor.scan')}</p>
          <img
            class="qr"
            width="240"
            height="240"
            alt={t('twofactor.qrAlt')}
            src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
          />
          <p>{t('twofactor.secretIntro')}</p>
          <p>
            <code class="secret" data-testid="totp-secret">
              {setup.secret}
            </code>
          </p>
          <p>{t('twofactor.confirmIntro')}</p>
          <FormError message={confirm.formError} />
          {codeField}
          <Button type="submit" busy={confirm.busy}>
            {t('twofactor.enable')}
          </Button>
        </form>
      )}

      {user.totpEnabled && forcedAtStart && (
        <p>
          <a class="btn btn-primary" href="/">
            {t('twofactor.continue')}
          </a>
        </p>
      )}

      {user.totpEnabled && !forcedAtStart && (
        <section aria-labelledby="totp-disable">
          <h2 id="totp-disable">{t('twofactor.disableTitle')}</h2>
          <p>{t('twofactor.disableIntro')}</p>
          <form ref={confirm.formRef} onSubmit={disable} noValidate>
            <FormError message={confirm.formError} />
            {codeField}
            <Button type="submit" variant="danger" busy={confirm.busy}>
              {t('twofactor.disable')}
            </Button>
          </form>
        </section>
      )}

      {!forcedAtStart && (
        <p class="after-form">
          <a href="/profile">{t('twofactor.backToProfile')}</a>
        </p>
      )}
    </Screen>
  );
}
