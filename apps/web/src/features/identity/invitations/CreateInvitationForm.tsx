import { useRef, useState } from 'preact/hooks';
import type { InvitationView, Role } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { collect, email as checkEmail } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { roleOptions } from '../users/roleOptions';

interface Created {
  invitation: InvitationView;
  link: string;
  /** The role gives access to identities: the link works once a second person confirms (issue 12). */
  confirmationPending: boolean;
}

export function CreateInvitationForm({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('observer');
  const [created, setCreated] = useState<Created | null>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const form = useForm<'email' | 'role'>();

  const submit = form.onSubmit(
    () => collect({ email: checkEmail(email), role: undefined }),
    async () => {
      setCreated(null);
      setCopyStatus(null);
      const result = await api.post<Created>('/api/invitations', { email: email.trim(), role });
      setCreated(result);
      setEmail('');
      onCreated();
    },
  );

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.link);
      setCopyStatus(t('invitations.copied'));
    } catch {
      // Clipboard access needs a secure context and permission; leave the link selected instead.
      linkRef.current?.select();
      setCopyStatus(t('invitations.copyFailed'));
    }
  }

  return (
    <section aria-labelledby="invitation-create">
      <h2 id="invitation-create">{t('invitations.createTitle')}</h2>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={t('invitations.emailLabel')}
          type="email"
          name="email"
          autocomplete="off"
          inputMode="email"
          spellcheck={false}
          required
          value={email}
          onValue={setEmail}
          error={form.errors.email}
        />
        <SelectField
          label={t('invitations.roleLabel')}
          value={role}
          options={roleOptions()}
          onValue={(value) => setRole(value as Role)}
          error={form.errors.role}
        />
        <Button type="submit" busy={form.busy}>
          {t('invitations.submit')}
        </Button>
      </form>
      <StatusMessage message={created ? t('invitations.created', { email: created.invitation.email }) : null} />
      {created?.confirmationPending && (
        <p class="notice">
          {t('identityGrants.awaiting')} <a href="/admin/identity-grants">{t('identityGrants.title')}</a>
        </p>
      )}
      {created && (
        <div class="result">
          <TextField
            label={t('invitations.linkLabel')}
            type="url"
            readOnly
            value={created.link}
            testId="invitation-link"
            inputRef={linkRef}
          />
          <Button variant="secondary" onClick={() => void copy()}>
            {t('invitations.copy')}
          </Button>
          <StatusMessage message={copyStatus} />
        </div>
      )}
    </section>
  );
}
