import { useEffect, useState } from 'preact/hooks';
import type { InvitationView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { CreateInvitationForm } from './CreateInvitationForm';

export function InvitationsPage() {
  const t = useT();
  const locale = useLocale();
  const [invitations, setInvitations] = useState<InvitationView[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function load() {
    const result = await api.get<{ invitations: InvitationView[] }>('/api/invitations');
    setInvitations(result.invitations);
  }

  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  async function revoke(invitation: InvitationView) {
    setBusyId(invitation.id);
    setError(null);
    setStatus(null);
    try {
      await api.delete(`/api/invitations/${encodeURIComponent(invitation.id)}`);
      await load();
      setStatus(t('invitations.revoked', { email: invitation.email }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });

  return (
    <Screen title={t('invitations.title')}>
      <AdminTabs />
      <CreateInvitationForm onCreated={() => void load().catch(() => undefined)} />
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('invitations.listTitle')}</h2>
        <FormError message={error} />
        <StatusMessage message={status} />
        {invitations === null && !error && <p>{t('app.loading')}</p>}
        {invitations?.length === 0 && <p>{t('invitations.empty')}</p>}
        {invitations && invitations.length > 0 && (
          <ul class="cards">
            {invitations.map((invitation) => (
              <li key={invitation.id} class={invitation.status === 'pending' ? 'card' : 'card card-muted'}>
                <h3>{invitation.email}</h3>
                <p class="card-meta">
                  {t('invitations.details', {
                    role: t(`roles.${invitation.role}`),
                    status: t(`invitations.status.${invitation.status}`),
                    date: dateFormat.format(new Date(invitation.expiresAt)),
                  })}
                </p>
                {invitation.status === 'pending' && (
                  <div class="card-actions">
                    <Button
                      variant="danger"
                      busy={busyId === invitation.id}
                      ariaLabel={t('invitations.revokeNamed', { email: invitation.email })}
                      onClick={() => void revoke(invitation)}
                    >
                      {t('invitations.revoke')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}
