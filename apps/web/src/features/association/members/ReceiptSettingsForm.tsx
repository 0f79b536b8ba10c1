import { useEffect, useState } from 'preact/hooks';
import { RECEIPT_STATUSES } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { membersApi, type ReceiptSettingsView } from './membersApi';

const EMPTY: ReceiptSettingsView = {
  legalName: '', address: '', postcode: '', city: '', registration: '', purpose: '', status: 'general_interest', taxReceiptsEnabled: false,
  signatoryName: '', signatoryTitle: '',
};

/** The association's identity printed on receipts, and whether it may issue tax receipts (its board checks eligibility). */
export function ReceiptSettingsForm({ act }: { act: (f: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const [s, setS] = useState<ReceiptSettingsView>(EMPTY);
  const [saved, setSaved] = useState(false);
  useEffect(() => { void membersApi.settings().then((v) => { if (v) setS(v); }); }, []);
  const field = (key: keyof ReceiptSettingsView, label: string, extra: { maxLength?: number; pattern?: string; inputMode?: 'numeric' } = {}) => (
    <TextField label={label} value={String(s[key])} onValue={(v) => setS({ ...s, [key]: v })} required={key !== 'registration'} {...extra} />
  );
  return (
    <details class="card">
      <summary>{t('members.settings.title')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); setSaved(false); void act(() => membersApi.saveSettings(s)).then(() => setSaved(true)); }}>
        <p class="field-hint">{t('members.settings.hint')}</p>
        {field('legalName', t('members.settings.legalName'), { maxLength: 200 })}
        {field('address', t('members.settings.address'), { maxLength: 300 })}
        {field('postcode', t('members.settings.postcode'), { pattern: '[0-9]{5}', inputMode: 'numeric' })}
        {field('city', t('members.settings.city'), { maxLength: 120 })}
        {field('registration', t('members.settings.registration'), { maxLength: 60 })}
        {field('purpose', t('members.settings.purpose'), { maxLength: 600 })}
        <div class="field">
          <label for="receipt-status">{t('members.settings.status')}</label>
          <select id="receipt-status" value={s.status} onChange={(e) => setS({ ...s, status: e.currentTarget.value as ReceiptSettingsView['status'] })}>
            {RECEIPT_STATUSES.map((v) => <option key={v} value={v}>{t(`members.status.${v}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label>
            <input type="checkbox" checked={s.taxReceiptsEnabled} onChange={(e) => setS({ ...s, taxReceiptsEnabled: e.currentTarget.checked })} />{' '}
            {t('members.settings.eligible')}
          </label>
        </div>
        {field('signatoryName', t('members.settings.signatoryName'), { maxLength: 120 })}
        {field('signatoryTitle', t('members.settings.signatoryTitle'), { maxLength: 120 })}
        <Button type="submit">{t('members.settings.save')}</Button>
        {saved && <p role="status">{t('members.settings.saved')}</p>}
      </form>
    </details>
  );
}
