import { useEffect, useState } from 'preact/hooks';
import { euroAmountInFigures, formatDate, MEMBERSHIP_CATEGORIES, parisDate, type MembershipCategory, type PaymentMethod } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { DonationsSection } from './DonationsSection';
import { PaymentFields } from './PaymentFields';
import { PaymentImport } from './PaymentImport';
import { eurosToCents, membersApi, type DonationView, type MemberView } from './membersApi';
import { ReceiptLine } from './ReceiptLine';
import { ReceiptSettingsForm } from './ReceiptSettingsForm';
import { RenewalRemindersForm } from './RenewalRemindersForm';

/** The member register (issue 18): members, their dues per year with receipts, gifts with tax receipts. */
export function MembersPage() {
  const t = useT();
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [donations, setDonations] = useState<DonationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [member, setMember] = useState({ fullName: '', address: '', postcode: '', city: '', email: '' });

  const load = () => membersApi.register(q).then((r) => { setMembers(r.members); if (!q) setDonations(r.donations); }).catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, [q]);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try { await f(); await load(); } catch (e) { setError(errorMessage(e)); throw e; }
  };
  const quiet = (f: () => Promise<unknown>) => act(f).catch(() => undefined);

  return (
    <Screen title={t('members.title')}>
      <p><a href="/association">{t('house.back')}</a></p>
      <p>{t('members.intro')}</p>
      <FormError message={error} />
      <ReceiptSettingsForm act={quiet} />
      <RenewalRemindersForm act={quiet} />
      <section class="card" aria-labelledby="members-register">
        <h2 id="members-register">{t('members.register')}</h2>
        <TextField label={t('members.search')} value={q} onValue={setQ} maxLength={200} />
        {members?.length === 0 && <p>{t('members.none')}</p>}
        <ul class="cards">
          {members?.map((m) => <MemberItem key={m.id} member={m} act={quiet} />)}
        </ul>
      </section>
      <form class="card" onSubmit={(e) => {
        e.preventDefault();
        void quiet(() => membersApi.addMember({ ...member, joinedOn: parisDate(new Date()) }).then(() => setMember({ fullName: '', address: '', postcode: '', city: '', email: '' })));
      }}>
        <h2>{t('members.add')}</h2>
        <TextField label={t('members.fullName')} value={member.fullName} onValue={(v) => setMember({ ...member, fullName: v })} required maxLength={200} testId="member-name" />
        <TextField label={t('members.address')} value={member.address} onValue={(v) => setMember({ ...member, address: v })} maxLength={300} />
        <TextField label={t('members.postcode')} value={member.postcode} onValue={(v) => setMember({ ...member, postcode: v })} maxLength={10} inputMode="numeric" />
        <TextField label={t('members.city')} value={member.city} onValue={(v) => setMember({ ...member, city: v })} maxLength={120} />
        <TextField label={t('members.email')} type="email" value={member.email} onValue={(v) => setMember({ ...member, email: v })} maxLength={320} />
        <Button type="submit" testId="member-add">{t('members.addAction')}</Button>
      </form>
      <DonationsSection donations={donations} act={quiet} />
      <PaymentImport onImported={() => void load()} />
    </Screen>
  );
}

/** One member: their memberships, each with its receipts, and the form recording this year's dues. */
function MemberItem({ member, act }: { member: MemberView; act: (f: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const thisYear = Number(parisDate(new Date()).slice(0, 4));
  const [dues, setDues] = useState({ year: String(thisYear), category: 'individual' as MembershipCategory, amount: '', paidOn: parisDate(new Date()), method: 'transfer' as PaymentMethod });
  const id = member.id;
  return (
    <li class="card">
      <h3>{member.fullName}</h3>
      <p class="card-meta">{[member.address, `${member.postcode} ${member.city}`.trim(), member.email].filter(Boolean).join(' · ')}</p>
      <ul>
        {member.memberships.map((ms) => (
          <li key={ms.id}>
            {t('members.membership.line', { year: String(ms.year), category: t(`members.category.${ms.category}`), amount: euroAmountInFigures(ms.amountCents),
              date: formatDate(ms.paidOn, locale, { year: 'always' }), method: t(`members.method.${ms.method}`) })}
            {!ms.receipts.some((r) => r.kind === 'receipt' && !r.cancelledBy) && (
              <> · <Button variant="link" onClick={() => void act(() => membersApi.duesReceipt(ms.id))} testId={`dues-receipt-${ms.year}`}>{t('members.receipt.issue')}</Button></>
            )}
            <ul>{ms.receipts.map((r) => <ReceiptLine key={r.id} receipt={r} act={act} />)}</ul>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => {
        e.preventDefault();
        void act(() => membersApi.addMembership(id, { year: Number(dues.year), category: dues.category, amountCents: eurosToCents(dues.amount), paidOn: dues.paidOn, method: dues.method }));
      }}>
        <h4>{t('members.membership.add')}</h4>
        <div>
          <div class="field">
            <label for={`year-${id}`}>{t('members.membership.year')}</label>
            <input id={`year-${id}`} type="number" min={2000} max={2100} required value={dues.year} onInput={(e) => setDues({ ...dues, year: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={`category-${id}`}>{t('members.membership.category')}</label>
            <select id={`category-${id}`} value={dues.category} onChange={(e) => setDues({ ...dues, category: e.currentTarget.value as MembershipCategory })}>
              {MEMBERSHIP_CATEGORIES.map((c) => <option key={c} value={c}>{t(`members.category.${c}`)}</option>)}
            </select>
          </div>
        </div>
        <PaymentFields idPrefix={`dues-${id}`} amount={dues.amount} date={dues.paidOn} method={dues.method}
          onChange={(v) => setDues({ ...dues, amount: v.amount, paidOn: v.date, method: v.method })} />
        <Button type="submit" testId={`membership-add-${member.fullName}`}>{t('members.membership.addAction')}</Button>
      </form>
    </li>
  );
}
