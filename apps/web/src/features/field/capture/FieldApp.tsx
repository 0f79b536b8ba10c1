import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useLocale, useT } from '../../../i18n';
import { activateOwner, currentOwner, onOwnerChange, type FieldUser } from '../../../offline/owner';
import { startSync, syncNow } from '../../../offline/sync';
import { EvictionPage } from './EvictionPage';
import { FieldHome } from './FieldHome';
import { LockGate } from './LockGate';
import { IncidentPage } from './IncidentPage';
import { OperationPage } from './OperationPage';
import { OutboxPage } from './OutboxPage';
import { useSyncStatus } from './data';
import { OfflineRecordPage } from './offline-records/OfflineRecordPage';
import { formatTime } from './format';
import './field.css';

/**
 * The capture app (/field/*): one lazy chunk with its own small router, so that it also runs
 * when the app was opened without a network and the session could not be checked (`offline`).
 */
export function FieldApp({ user, offline, onOnline }: { user?: FieldUser | undefined; offline?: boolean; onOnline?: () => void }) {
  const t = useT();
  const { path } = useLocation();
  // The signed-in observer's records are opened before any page reads them (a shared phone must
  // never flash the previous observer's). Once per sign-in: afterwards this tab follows the
  // phone's owner, also when another tab changes it.
  const activated = useRef<string | null>(null);
  if (user && activated.current !== user.id) {
    activated.current = user.id;
    activateOwner(user);
  }
  const [me, setMe] = useState<FieldUser | null>(() => currentOwner());

  useEffect(() => {
    setMe(currentOwner());
    const off = onOwnerChange(setMe);
    startSync();
    return off;
  }, []);

  useEffect(() => {
    if (!offline || !onOnline) return;
    const go = () => onOnline();
    window.addEventListener('online', go);
    return () => window.removeEventListener('online', go);
  }, [offline]);

  if (me === null) {
    // Opened offline with nobody signed in on this phone: other observers' records stay closed.
    return <p class="notice" data-testid="field-no-owner">{t('app.offline')}</p>;
  }

  let page;
  let m: RegExpExecArray | null;
  if ((m = /^\/field\/operations\/([^/]+)$/.exec(path))) page = <OperationPage id={m[1]!} me={me} />;
  else if ((m = /^\/field\/evictions\/([^/]+)$/.exec(path))) page = <EvictionPage id={m[1]!} />;
  else if ((m = /^\/field\/incidents\/([^/]+)$/.exec(path))) page = <IncidentPage id={m[1]!} />;
  else if (path === '/field/outbox') page = <OutboxPage />;
  else if (path === '/field/rounds/new' || path === '/field/testimonies/new') page = <OfflineRecordPage kind={path === '/field/rounds/new' ? 'round' : 'testimony'} me={me} />;
  else page = <FieldHome me={me} />;

  return (
    <div class="field-app" key={me.id}>
      <LockGate>
        <SyncBar offline={!!offline} owner={me} />
        {page}
      </LockGate>
    </div>
  );
}

function SyncBar({ offline, owner }: { offline: boolean; owner: FieldUser }) {
  const t = useT();
  const locale = useLocale();
  const s = useSyncStatus();
  const online = s.online && !offline;
  return (
    <div class={`sync-bar ${online ? 'sync-online' : 'sync-offline'}`} role="status" data-testid="sync-bar">
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-text">
        {online ? t('field.status.online') : t('field.status.offline')}
        {' · '}
        {s.syncing ? t('field.status.syncing') : s.pending ? t('field.status.pending', { count: s.pending }) : t('field.status.allSent')}
        {s.failed > 0 && <> · <strong>{t('field.status.failed', { count: s.failed })}</strong></>}
        {s.lastSyncAt && <span class="sync-last"> · {t('field.status.lastSync', { time: formatTime(s.lastSyncAt, locale) })}</span>}
      </span>
      <a href="/field/outbox" class="sync-link" data-testid="sync-outbox-link">
        {t('field.outbox.title')}
      </a>
      {s.signInNeeded && (
        <p class="sync-signin">
          {t('field.status.signIn')} <a href="/login?next=%2Ffield%2Foutbox">{t('field.status.signInLink')}</a>
        </p>
      )}
      {s.otherAccount && (
        <p class="sync-signin" data-testid="sync-other-account">
          {t('field.phone.otherAccount', { name: owner.displayName })}
        </p>
      )}
      {!s.signInNeeded && !s.otherAccount && s.pending > 0 && online && (
        <button type="button" class="sync-now" onClick={() => void syncNow()} data-testid="sync-now-bar">
          {t('field.outbox.syncNow')}
        </button>
      )}
    </div>
  );
}
