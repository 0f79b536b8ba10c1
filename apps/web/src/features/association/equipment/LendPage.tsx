import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_LOAN_CONDITIONS_FR } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { SignaturePad, type SignatureValue } from '../../../ui/SignaturePad';
import { houseApi, type EquipmentView, type HousePerson, type LoanView } from './houseApi';
import { LoanDone } from './LoanDone';

const EMPTY: SignatureValue = { drawnPng: null, typedName: null };

/**
 * Handing equipment over, on the lender's phone or tablet: pick the person and the items, read the
 * conditions together, and both sign with a finger. The signed form (PDF) is then a tap away.
 */
export function LendPage() {
  const t = useT();
  const [people, setPeople] = useState<HousePerson[]>([]);
  const [items, setItems] = useState<EquipmentView[]>([]);
  const [borrowerId, setBorrowerId] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [dueOn, setDueOn] = useState('');
  const [borrowerSignature, setBorrowerSignature] = useState<SignatureValue>(EMPTY);
  const [lenderSignature, setLenderSignature] = useState<SignatureValue>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<LoanView | null>(null);

  useEffect(() => {
    Promise.all([houseApi.people(), houseApi.items()]).then(([p, i]) => { setPeople(p); setItems(i); }).catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setDone(await houseApi.handOver({
        borrowerId, itemIds: [...chosen], dueOn: dueOn || null, borrowerSignature,
        lenderSignature: lenderSignature.drawnPng || lenderSignature.typedName ? lenderSignature : null,
      }));
    } catch (err) { setError(errorMessage(err)); } finally { setBusy(false); }
  };

  if (done) return <LoanDone loan={done} title={t('house.lend.title')} message={t('house.lend.done', { name: done.borrowerName })} />;
  const available = items.filter((i) => !i.out && i.state !== 'retired' && i.state !== 'lost');
  const borrowerName = people.find((p) => p.id === borrowerId)?.displayName ?? '';
  return (
    <Screen title={t('house.lend.title')} narrow>
      <p><a href="/association/equipment">{t('house.backToInventory')}</a></p>
      <form onSubmit={submit}>
        <SelectField label={t('house.lend.borrower')} value={borrowerId} onValue={setBorrowerId}
          options={[{ value: '', label: t('house.lend.choosePerson') }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]} />
        <fieldset>
          <legend>{t('house.lend.items')}</legend>
          {available.length === 0 && <p>{t('house.lend.nothingAvailable')}</p>}
          {available.map((i) => (
            <Checkbox key={i.id} label={`${i.label} (${t(`house.kind.${i.kind}`)}${i.identifier ? ` · ${i.identifier}` : ''})`} checked={chosen.has(i.id)}
              onChecked={(c) => setChosen((s) => { const n = new Set(s); if (c) n.add(i.id); else n.delete(i.id); return n; })} />
          ))}
        </fieldset>
        <div class="field">
          <label for="lend-due">{t('house.lend.dueOn')}</label>
          <p class="field-hint">{t('house.lend.dueOnHint')}</p>
          <input id="lend-due" type="date" value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
        </div>
        <h2>{t('house.lend.conditions')}</h2>
        <p class="house-conditions">{DEFAULT_LOAN_CONDITIONS_FR}</p>
        <SignaturePad label={t('house.sign.borrower', { name: borrowerName })} hint={t('house.sign.borrowerHint')} clearLabel={t('house.sign.clear')}
          typedLabel={t('house.sign.typed')} value={borrowerSignature} onValue={setBorrowerSignature} testId="sign-borrower" />
        <SignaturePad label={t('house.sign.lender')} hint={t('house.sign.lenderHint')} clearLabel={t('house.sign.clear')}
          typedLabel={t('house.sign.typed')} value={lenderSignature} onValue={setLenderSignature} testId="sign-lender" />
        <FormError message={error} />
        <Button type="submit" busy={busy} testId="lend-submit">{t('house.lend.submit')}</Button>
      </form>
    </Screen>
  );
}
