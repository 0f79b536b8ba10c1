import { useState } from 'preact/hooks';
import { DONOR_KINDS, euroAmountInFigures, formatDate, parisDate, type PaymentMethod } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { eurosToCents, membersApi, type DonationView } from './membersApi';
import { PaymentFields } from './PaymentFields';
import { ReceiptLine } from './ReceiptLine';

const EMPTY = { donorKind: 'person' as (typeof DONOR_KINDS)[number], donorName: '', donorAddress: '', donorPostcode: '', donorCity: '' };

/** Gifts and their tax receipts (CERFA 11580), issued only when the settings say the association is eligible. */
export function DonationsSection({ donations, act }: { donations: DonationView[]; act: (f: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const [donor, setDonor] = useState(EMPTY);
  const [pay, setPay] = useState({ amount: '', date: parisDate(new Date()), method: 'transfer' as PaymentMethod });
  return (
    <section class="card" aria-labelledby="members-donations">
      <h2 id="members-donations">{t('members.donations.title')}</h2>
      {donations.length === 0 && <p>{t('members.donations.none')}</p>}
      <ul>
        {donations.map((d) => (
          <li key={d.id}>
            {t('members.donations.line', { name: d.donorName, amount: euroAmountInFigures(d.amountCents), date: formatDate(d.receivedOn, locale, { year: 'always' }),
              method: t(`members.method.${d.method}`) })}
            {!d.receipts.some((r) => r.kind === 'receipt' && !r.cancelledBy) && (
              <> · <Button variant="link" onClick={() => void act(() => membersApi.taxReceipt(d.id))}>{t('members.donations.taxReceipt')}</Button></>
            )}
            <ul>{d.receipts.map((r) => <ReceiptLine key={r.id} receipt={r} act={act} />)}</ul>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => {
        e.preventDefault();
        void act(() => membersApi.addDonation({ ...donor, amountCents: eurosToCents(pay.amount), receivedOn: pay.date, method: pay.method })
          .then(() => { setDonor(EMPTY); setPay({ ...pay, amount: '' }); }));
      }}>
        <h3>{t('members.donations.add')}</h3>
        <div class="field">
          <label for="donor-kind">{t('members.donations.kind')}</label>
          <select id="donor-kind" value={donor.donorKind} onChange={(e) => setDonor({ ...donor, donorKind: e.currentTarget.value as typeof donor.donorKind })}>
            {DONOR_KINDS.map((k) => <option key={k} value={k}>{t(`members.donorKind.${k}`)}</option>)}
          </select>
        </div>
        <TextField label={t('members.donations.name')} value={donor.donorName} onValue={(v) => setDonor({ ...donor, donorName: v })} required maxLength={200} />
        <TextField label={t('members.address')} value={donor.donorAddress} onValue={(v) => setDonor({ ...donor, donorAddress: v })} required maxLength={300} />
        <TextField label={t('members.postcode')} value={donor.donorPostcode} onValue={(v) => setDonor({ ...donor, donorPostcode: v })} required maxLength={10} inputMode="numeric" />
        <TextField label={t('members.city')} value={donor.donorCity} onValue={(v) => setDonor({ ...donor, donorCity: v })} required maxLength={120} />
        <PaymentFields idPrefix="gift" {...pay} onChange={setPay} />
        <Button type="submit">{t('members.donations.addAction')}</Button>
      </form>
    </section>
  );
}
