import { useEffect, useState } from 'preact/hooks';
import { ROLES, type Role, type UserView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { Checkbox } from '../../../ui/Checkbox';
import { hasPermission, useUser } from '../auth/session';
import { SecurityPolicySection } from './SecurityPolicySection';

export function UsersPage() {
  const t = useT();
  const me = useUser();
  return (
    <Screen title={t('users.title')}>
      <AdminTabs />
      {hasPermission(me, 'users.manage') && <UserList />}
      {hasPermission(me, 'security.manage') && <SecurityPolicySection />}
    </Screen>
  );
}

function UserList() {
  const t = useT();
  const me = useUser();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [pendingRoles, setPendingRoles] = useState<Record<string, Role[]>>({});
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function load() {
    const result = await api.get<{ users: UserView[] }>('/api/users');
    setUsers(result.users);
  }

  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  async function update(user: UserView, body: { roles: Role[] } | { active: boolean }, success: string) {
    setBusyId(user.id);
    setError(null);
    setStatus(null);
    try {
      const result = await api.patch<{ grantPending: boolean }>(`/api/users/${encodeURIComponent(user.id)}`, body);
      await load();
      setPendingRoles((p) => { const { [user.id]: _done, ...rest } = p; return rest; });
      setStatus(result.grantPending ? t('identityGrants.roleAwaiting') : success);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="users-list">
      <h2 id="users-list">{t('users.listTitle')}</h2>
      <FormError message={error} />
      <StatusMessage message={status} />
      {users === null && !error && <p>{t('app.loading')}</p>}
      {users?.length === 0 && <p>{t('users.empty')}</p>}
      {users && users.length > 0 && (
        <ul class="cards">
          {users.map((user) => {
            const self = user.id === me.id;
            const roles = pendingRoles[user.id] ?? user.roles;
            const rolesLabel = (list: Role[]) => list.map((r) => t(`roles.${r}`)).join(', ');
            // Ticking keeps the order of ticking, so the primary role (the first) stays first.
            const toggle = (r: Role, on: boolean) => setPendingRoles((p) => {
              const current = p[user.id] ?? user.roles;
              return { ...p, [user.id]: on ? [...current.filter((x) => x !== r), r] : current.filter((x) => x !== r) };
            });
            return (
              <li key={user.id} class={user.active ? 'card' : 'card card-muted'}>
                <h3>
                  {user.displayName} {self && <span class="muted">{t('users.you')}</span>}
                </h3>
                <p class="card-meta">{user.email}</p>
                <p class="card-meta">
                  {t('users.currentRole', { role: rolesLabel(user.roles) })} · {user.active ? t('users.active') : t('users.inactive')} ·{' '}
                  {user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}
                </p>
                {/* Nobody changes their own role or locks themselves out: another admin must. */}
                {!self && (
                  <div class="card-actions">
                    <div class="inline-form">
                      <fieldset class="role-set">
                        <legend>{t('users.roleLabel', { name: user.displayName })}</legend>
                        {ROLES.map((r) => (
                          <Checkbox key={r} label={t(`roles.${r}`)} checked={roles.includes(r)} onChecked={(on) => toggle(r, on)} />
                        ))}
                      </fieldset>
                      <Button
                        variant="secondary"
                        disabled={roles.length === 0 || roles.join() === user.roles.join()}
                        busy={busyId === user.id}
                        ariaLabel={t('users.changeRoleNamed', { name: user.displayName })}
                        onClick={() =>
                          void update(user, { roles }, t('users.roleChanged', { name: user.displayName, role: rolesLabel(roles) }))
                        }
                      >
                        {t('users.changeRole')}
                      </Button>
                    </div>
                    {user.active ? (
                      <Button
                        variant="danger"
                        busy={busyId === user.id}
                        ariaLabel={t('users.deactivateNamed', { name: user.displayName })}
                        onClick={() => void update(user, { active: false }, t('users.deactivated', { name: user.displayName }))}
                      >
                        {t('users.deactivate')}
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        busy={busyId === user.id}
                        ariaLabel={t('users.reactivateNamed', { name: user.displayName })}
                        onClick={() => void update(user, { active: true }, t('users.reactivated', { name: user.displayName }))}
                      >
                        {t('users.reactivate')}
                      </Button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
