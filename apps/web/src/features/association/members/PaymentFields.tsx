import { PAYMENT_METHODS, type PaymentMethod } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

type Payment = { amount: string; date: string; method: PaymentMethod };

/** Amount in euros, the day the money came, how it came: shared by dues and gifts. */
export function PaymentFields({ idPrefix, onChange, ...p }: Payment & { idPrefix: string; onChange: (p: Payment) => void }) {
  const t = useT();
  return (
    <div>
      <div class="field">
        <label for={`${idPrefix}-amount`}>{t('members.payment.amount')}</label>
        <input id={`${idPrefix}-amount`} inputMode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?" value={p.amount} onInput={(e) => onChange({ ...p, amount: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={`${idPrefix}-date`}>{t('members.payment.date')}</label>
        <input id={`${idPrefix}-date`} type="date" required value={p.date} onInput={(e) => onChange({ ...p, date: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={`${idPrefix}-method`}>{t('members.payment.method')}</label>
        <select id={`${idPrefix}-method`} value={p.method} onChange={(e) => onChange({ ...p, method: e.currentTarget.value as PaymentMethod })}>
          {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{t(`members.method.${m}`)}</option>)}
        </select>
      </div>
    </div>
  );
}
