import { useEffect, useState } from 'preact/hooks';
import type { IdentityGrantView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';

/**
 * Access to identities is given by two people: requests (an invitation or a role change carrying
 * identities.read) wait here until a coordinator or legal member other than the requester confirms
 * or refuses them. Administrators follow their own requests here.
 */
export function IdentityGrantsPage() {
  const t = useT();
  const locale = useLocale();
  const [grants, setGrants] = useState<IdentityGrantView[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function load() {
    setGrants((await api.get<{ grants: IdentityGrantView[] }>('/api/identity-grants')).grants);
  }
  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  async function decide(grant: IdentityGrantView, decision: 'confirm' | 'refuse') {
    setBusyId(grant.id);
    setError(null);
    setStatus(null);
    try {
      await api.post(`/api/identity-grants/${encodeURIComponent(grant.id)}/${decision}`, {});
      await load();
      setStatus(t(decision === 'confirm' ? 'identityGrants.confirmed' : 'identityGrants.refused', { email: grant.email }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const pending = grants?.filter((g) => g.status === 'pending') ?? [];
  const decided = grants?.filter((g) => g.status !== 'pending') ?? [];
  const rolesOf = (g: IdentityGrantView) => g.roles.map((r) => t(`roles.${r}`)).join(', ');

  return (
    <Screen title={t('identityGrants.title')}>
      <AdminTabs />
      <p>{t('identityGrants.lead')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {grants === null && !error && <p>{t('app.loading')}</p>}
      <section aria-labelledby="grants-pending">
        <h2 id="grants-pending">{t('identityGrants.pendingTitle')}</h2>
        {grants !== null && pending.length === 0 && <p>{t('identityGrants.empty')}</p>}
        {pending.length > 0 && (
          <ul class="cards">
            {pending.map((g) => (
              <li key={g.id} class="card">
                <h3>{g.displayName ? `${g.displayName} (${g.email})` : g.email}</h3>
                <p class="card-meta">
                  {t(g.kind === 'invitation' ? 'identityGrants.byInvitation' : 'identityGrants.byRoleChange', {
                    roles: rolesOf(g), requester: g.requestedBy.displayName, date: dateFormat.format(new Date(g.requestedAt)),
                  })}
                </p>
                {g.mayDecide ? (
                  <div class="card-actions">
                    <Button busy={busyId === g.id} ariaLabel={t('identityGrants.confirmNamed', { email: g.email })} onClick={() => void decide(g, 'confirm')}>
                      {t('identityGrants.confirm')}
                    </Button>
                    <Button variant="danger" busy={busyId === g.id} ariaLabel={t('identityGrants.refuseNamed', { email: g.email })} onClick={() => void decide(g, 'refuse')}>
                      {t('identityGrants.refuse')}
                    </Button>
                  </div>
                ) : (
                  <p class="muted">{t('identityGrants.notYours')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {decided.length > 0 && (
        <section aria-labelledby="grants-decided">
          <h2 id="grants-decided">{t('identityGrants.decidedTitle')}</h2>
          <ul class="cards">
            {decided.map((g) => (
              <li key={g.id} class="card card-muted">
                <h3>{g.email}</h3>
                <p class="card-meta">
                  {t(`identityGrants.status.${g.status as Exclude<IdentityGrantView['status'], 'pending'>}`, {
                    roles: rolesOf(g), requester: g.requestedBy.displayName,
                    decider: g.decidedBy?.displayName ?? t('identityGrants.nobodyElse'),
                    date: g.decidedAt ? dateFormat.format(new Date(g.decidedAt)) : '',
                  })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Screen>
  );
}
