import { useEffect, useState } from 'preact/hooks';
import { useUser } from '../../identity/auth/session';
import { useT } from '../../../i18n';

/**
 * Header badge: how many field entries wait to be sent. It loads the offline module (Dexie)
 * lazily so the shell's first paint does not carry it, and starts the sync loop app-wide: the
 * outbox drains wherever the observer is in the app.
 */
export function OutboxBadge() {
  const t = useT();
  const user = useUser();
  const [state, setState] = useState({ pending: 0, failed: 0 });
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void import('../../../offline/sync').then((m) => {
      if (cancelled) return;
      // Only the signed-in observer's own records are counted and sent (shared phones, owner.ts).
      m.startSyncFor({ id: user.id, displayName: user.displayName, permissions: [...user.permissions] });
      unsubscribe = m.subscribe((s) => setState({ pending: s.pending, failed: s.failed }));
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [user.id]);
  if (!state.pending) return null;
  return (
    <a href="/field/outbox" style={badgeStyle(state.failed > 0)} aria-label={t('field.badge', { count: state.pending })} data-testid="outbox-badge">
      {state.pending}
    </a>
  );
}

/**
 * Shown above "Se déconnecter" when this observer's work has not all left the phone: signing out
 * keeps it here, in their own store, and it is sent when they sign in again on this phone.
 */
export function UnsentWarning() {
  const t = useT();
  const [pending, setPending] = useState(0);
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void import('../../../offline/sync').then((m) => {
      if (!cancelled) unsubscribe = m.subscribe((s) => setPending(s.pending));
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);
  if (!pending) return null;
  return <p class="field-hint" role="note" data-testid="unsent-warning">{t('field.phone.signOutWarning', { count: pending })}</p>;
}

/** Inline because the shell stylesheet belongs to the shell; 48px target, readable in sunlight. */
function badgeStyle(failed: boolean) {
  return {
    display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minWidth: '48px', minHeight: '48px',
    padding: '0 0.5rem', borderRadius: '24px', fontWeight: 700, textDecoration: 'none',
    background: failed ? '#ffd166' : '#ffffff', color: failed ? '#1a1a1a' : '#1f3a5f', border: '2px solid #ffffff',
  };
}
