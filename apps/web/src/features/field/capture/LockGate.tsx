import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import { MIN_CODE_LENGTH, chooseCode, currentLock, onLockChange, refreshLock, sealedOutbox, unlock, type LockState } from '../../../offline/idb';
import { ApiError } from '../../../api/client';
import { escrowKey, filesNotSent, rescueOutbox } from '../../../offline/rescue';
import type { EscrowPublicKey, Keyring } from '../../../offline/vault';
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

const UNSENT_AT_WIPE = 'vigie.field.wipedUnsent';

interface UnsentAtWipe {
  /** Records waiting in the outbox, and how many of them the server received. */
  unsent: number;
  sent: number;
  /** Files whose bytes were still only on the phone: never sent by the rescue, lost. */
  files: number;
  /** The server refused the rescue: a coordinator had revoked this phone. */
  revoked: boolean;
  at: number;
}

/** What became of the unsent work at the last wipe, when it followed 10 wrong codes: sent to the server, or lost. */
function unsentAtWipe(wiped: string): UnsentAtWipe | null {
  try {
    const kept = JSON.parse(localStorage.getItem(UNSENT_AT_WIPE) ?? 'null') as UnsentAtWipe | null;
    // Written just before that wipe; an older note belongs to an earlier wipe (a revocation or "wipe this phone" since).
    return kept && Math.abs(Date.parse(wiped) - kept.at) < 60_000 ? { ...kept, files: kept.files ?? 0, revoked: kept.revoked ?? false } : null;
  } catch {
    return null;
  }
}

/**
 * Before the tenth wrong code wipes the phone: the unsent records go to the server if the network
 * allows; the files not yet uploaded cannot (rescue.ts), so they are counted to be named as lost.
 */
async function sendBeforeWipe(k: Keyring): Promise<void> {
  const unsent = (await sealedOutbox().catch(() => [])).length;
  const files = await filesNotSent().catch(() => 0);
  let revoked = false;
  const result = await rescueOutbox(k).catch((e: unknown) => {
    revoked = e instanceof ApiError && e.code === 'phone.device_revoked';
    return null;
  });
  try {
    const note: UnsentAtWipe = { unsent, sent: Math.min(unsent, result?.sent ?? 0), files, revoked, at: Date.now() };
    localStorage.setItem(UNSENT_AT_WIPE, JSON.stringify(note));
  } catch {
    // private mode: the notice is only a courtesy
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
  const unsent = wiped ? unsentAtWipe(wiped) : null;
  const server = useEscrowKey();
  async function submit(e: Event) {
    e.preventDefault();
    if (code.length < MIN_CODE_LENGTH) return setError(t('phone.setup.tooShort', { min: MIN_CODE_LENGTH }));
    if (code !== again) return setError(t('phone.setup.mismatch'));
    setBusy(true);
    try {
      await chooseCode(code, server);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Screen title={t('phone.setup.title')}>
      {wiped && <p class="notice" data-testid="phone-wiped-notice">{t('phone.setup.wiped', { date: formatDateTime(wiped, locale) })}</p>}
      {unsent && unsent.sent > 0 && <p class="notice" data-testid="phone-wiped-sent">{t('phone.setup.wipedSent', { count: unsent.sent })}</p>}
      {unsent && unsent.unsent > unsent.sent && (
        <p class="notice" data-testid="phone-wiped-lost">
          {t(unsent.revoked ? 'phone.setup.wipedRevoked' : 'phone.setup.wipedLost', { count: unsent.unsent - unsent.sent })}
        </p>
      )}
      {unsent && unsent.files > 0 && <p class="notice" data-testid="phone-wiped-files">{t('phone.setup.wipedFiles', { count: unsent.files })}</p>}
      <p>{t('phone.setup.intro')}</p>
      <form onSubmit={(e) => void submit(e)} data-testid="phone-setup">
        <TextField label={t('phone.setup.code', { min: MIN_CODE_LENGTH })} type="password" autocomplete="new-password" value={code} onValue={setCode} testId="phone-code" error={error} />
        <TextField label={t('phone.setup.confirm')} type="password" autocomplete="new-password" value={again} onValue={setAgain} testId="phone-code-again" />
        <Button type="submit" busy={busy} testId="phone-setup-submit">{t('phone.setup.submit')}</Button>
      </form>
    </Screen>
  );
}

/** The server's escrow key, asked once when the screen opens (remembered for when there is no network). */
function useEscrowKey(): EscrowPublicKey | null {
  const [key, setKey] = useState<EscrowPublicKey | null>(null);
  useEffect(() => { void escrowKey().then(setKey); }, []);
  return key;
}

function Unlock() {
  const t = useT();
  const server = useEscrowKey();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await unlock(code, server, sendBeforeWipe);
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
