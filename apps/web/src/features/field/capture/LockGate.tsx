import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import { MIN_CODE_LENGTH, chooseCode, currentLock, onLockChange, refreshLock, unlock, type LockState } from '../../../offline/idb';
import { startIdleLock } from '../../../offline/idle';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { formatDateTime } from './format';

/**
 * Nothing of the observer's records is rendered until their local store is unlocked: the
 * screens below only mount once the decrypted copy is in memory (docs/PHONE-SECURITY.md).
 */
export function LockGate({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<LockState>(currentLock());
  useEffect(() => {
    const off = onLockChange(setState);
    void refreshLock().then(setState);
    startIdleLock();
    return off;
  }, []);
  if (state === 'setup') return <ChooseCode />;
  if (state === 'locked') return <Unlock />;
  if (state !== 'unlocked') return null;
  return <>{children}</>;
}

function wipedAt(): string | null {
  try {
    return localStorage.getItem('vigie.field.wiped');
  } catch {
    return null;
  }
}

function ChooseCode() {
  const t = useT();
  const locale = useLocale();
  const [code, setCode] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wiped = wipedAt();
  async function submit(e: Event) {
    e.preventDefault();
    if (code.length < MIN_CODE_LENGTH) return setError(t('phone.setup.tooShort', { min: MIN_CODE_LENGTH }));
    if (code !== again) return setError(t('phone.setup.mismatch'));
    setBusy(true);
    try {
      await chooseCode(code);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Screen title={t('phone.setup.title')}>
      {wiped && <p class="notice" data-testid="phone-wiped-notice">{t('phone.setup.wiped', { date: formatDateTime(wiped, locale) })}</p>}
      <p>{t('phone.setup.intro')}</p>
      <form onSubmit={(e) => void submit(e)} data-testid="phone-setup">
        <TextField label={t('phone.setup.code', { min: MIN_CODE_LENGTH })} type="password" autocomplete="new-password" value={code} onValue={setCode} testId="phone-code" error={error} />
        <TextField label={t('phone.setup.confirm')} type="password" autocomplete="new-password" value={again} onValue={setAgain} testId="phone-code-again" />
        <Button type="submit" busy={busy} testId="phone-setup-submit">{t('phone.setup.submit')}</Button>
      </form>
    </Screen>
  );
}

function Unlock() {
  const t = useT();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await unlock(code);
      setCode('');
      if ('wiped' in res) setError(t('phone.unlock.wiped'));
      else if (!res.ok) setError(t('phone.unlock.wrong', { left: res.left }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Screen title={t('phone.unlock.title')}>
      <form onSubmit={(e) => void submit(e)} data-testid="phone-unlock">
        <TextField label={t('phone.unlock.code')} type="password" autocomplete="current-password" value={code} onValue={setCode} testId="phone-unlock-code" error={error} />
        <Button type="submit" busy={busy} testId="phone-unlock-submit">{busy ? t('phone.unlock.busy') : t('phone.unlock.submit')}</Button>
      </form>
    </Screen>
  );
}
