import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { FormError, StatusMessage } from '../ui/FormError';
import { TextField } from '../ui/TextField';

/**
 * The public double opt-in request both public sign-ups use (the newsletter, job alerts): an
 * address, the consent text shown as it will be recorded in the ledger, and, once sent, the
 * "check your inbox" message — nothing is subscribed before the person confirms from the mail.
 * Each page brings its own fields (`before`, `after`), its own check (`check`, a message or
 * null) and its own request (`send`).
 */
export function DoubleOptInForm({ consentText, labels, testIds, before, after, check, send, footer }: {
  /** null while the form's text has not arrived: the submit button waits for it. */
  consentText: string | null;
  labels: { email: string; submit: string; consentMissing: string; checkInbox: (email: string) => string };
  testIds: { email: string; submit: string };
  before?: ComponentChildren;
  after?: ComponentChildren;
  check?: () => string | null;
  send: (email: string) => Promise<unknown>;
  footer?: { href: string; label: string } | null;
}) {
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (consentText === null) return;
    setError(null); setEmailError(null);
    const problem = check?.() ?? null;
    if (problem) { setError(problem); return; }
    if (!consent) { setError(labels.consentMissing); return; }
    setBusy(true);
    try {
      await send(email);
      setDone(true);
    } catch (err) {
      // Both sign-ups check the address with the newsletter's rule, and say so on the field.
      if (err instanceof ApiError && err.code === 'newsletter.invalid_email') setEmailError(err.message);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) return <StatusMessage message={labels.checkInbox(email)} />;
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      {before}
      <TextField label={labels.email} type="email" value={email} onValue={setEmail} required autocomplete="email" inputMode="email"
        maxLength={320} error={emailError} testId={testIds.email} />
      {after}
      {consentText !== null && <Checkbox label={consentText} checked={consent} onChecked={setConsent} />}
      <Button type="submit" busy={busy} disabled={consentText === null} testId={testIds.submit}>{labels.submit}</Button>
      {footer && <p class="field-hint"><a href={footer.href}>{footer.label}</a></p>}
    </form>
  );
}
