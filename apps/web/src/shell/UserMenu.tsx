import { useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useSession, useUser } from '../features/identity/auth/session';
import { UnsentWarning } from '../features/field/capture/OutboxBadge';
import { releaseOwner } from '../offline/owner';
import { useT } from '../i18n';

export function UserMenu({ adminHref }: { adminHref?: string | undefined }) {
  const t = useT();
  const user = useUser();
  const { signOut } = useSession();
  const { route } = useLocation();
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => details.current?.removeAttribute('open');

  async function logout() {
    close();
    // This observer's field records close with the session; unsent ones stay on the phone, theirs.
    releaseOwner();
    try {
      await signOut();
    } finally {
      route('/login', true);
    }
  }

  return (
    <details class="user-menu" ref={details}>
      <summary aria-label={`${user.displayName} — ${t('menu.account')}`}>
        <span class="user-name">{user.displayName}</span>
      </summary>
      <ul>
        <li>
          <a href="/profile" onClick={close}>
            {t('menu.profile')}
          </a>
        </li>
        {adminHref && (
          <li class="menu-phone-only">
            <a href={adminHref} onClick={close}>
              {t('nav.admin')}
            </a>
          </li>
        )}
        <li>
          {user.permissions.includes('field.record') && <UnsentWarning />}
          <button type="button" onClick={() => void logout()} data-testid="logout">
            {t('menu.logout')}
          </button>
        </li>
      </ul>
    </details>
  );
}
