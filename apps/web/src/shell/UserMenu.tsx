import { useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useSession, useUser } from '../features/auth/session';
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
          <button type="button" onClick={() => void logout()}>
            {t('menu.logout')}
          </button>
        </li>
      </ul>
    </details>
  );
}
