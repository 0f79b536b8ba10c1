import { useEffect, useState } from 'preact/hooks';
import { ROLES, type Role } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';

interface SecurityPolicy {
  totpRequiredRoles: Role[];
}

export function SecurityPolicySection() {
  const t = useT();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    api.get<SecurityPolicy>('/api/admin/security').then(
      (policy) => setRoles(policy.totpRequiredRoles),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  function toggle(role: Role, on: boolean) {
    setRoles((current) => {
      const set = new Set(current ?? []);
      if (on) set.add(role);
      else set.delete(role);
      return ROLES.filter((r) => set.has(r));
    });
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!roles) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const policy = await api.put<SecurityPolicy | undefined>('/api/admin/security', { totpRequiredRoles: roles });
      if (policy?.totpRequiredRoles) setRoles(policy.totpRequiredRoles);
      setStatus(t('security.saved'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="security-policy">
      <h2 id="security-policy">{t('security.title')}</h2>
      <p>{t('security.intro')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {roles && (
        <form onSubmit={save} noValidate>
          <fieldset>
            <legend>{t('security.legend')}</legend>
            {ROLES.map((role) => (
              <Checkbox key={role} label={t(`roles.${role}`)} checked={roles.includes(role)} onChecked={(on) => toggle(role, on)} />
            ))}
          </fieldset>
          <Button type="submit" busy={busy}>
            {t('security.save')}
          </Button>
        </form>
      )}
    </section>
  );
}
