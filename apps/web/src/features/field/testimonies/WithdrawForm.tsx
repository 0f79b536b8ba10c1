import { useState } from 'preact/hooks';
import { formatDateTime } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import type { WithdrawalResult } from './testimoniesApi';

/** Typing the code of a card: by a staff member at the person's request, or by the person on the public page. */
export function WithdrawForm({ intro, withdraw }: { intro: string; withdraw: (code: string) => Promise<WithdrawalResult> }) {
  const t = useT();
  const locale = useLocale();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null); setDone(null);
    try {
      const r = await withdraw(code);
      const at = formatDateTime(r.withdrawnAt, locale);
      setDone(t(r.alreadyWithdrawn ? 'testimonies.withdraw.already' : 'testimonies.withdraw.done', { at }));
      setCode('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} class="testimony-form">
      <p>{intro}</p>
      <FormError message={error} />
      <StatusMessage message={done} />
      <TextField label={t('testimonies.withdraw.code')} value={code} onValue={setCode} required maxLength={40} autocomplete="off" spellcheck={false} testId="withdraw-code" />
      <Button type="submit" variant="danger" busy={busy} testId="withdraw-submit">{t('testimonies.withdraw.submit')}</Button>
    </form>
  );
}
