import { useEffect, useState } from 'preact/hooks';
import { RETURN_STATES, formatDate, type ReturnState } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { useRoute } from 'preact-iso';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { SignaturePad, type SignatureValue } from '../../../ui/SignaturePad';
import { houseApi, type LoanView } from './houseApi';
import { LoanDone } from './LoanDone';

const EMPTY: SignatureValue = { drawnPng: null, typedName: null };

/** Taking equipment back: the state of each item, remarks, and both signatures again. */
export function ReturnPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const [loan, setLoan] = useState<LoanView | null>(null);
  const [states, setStates] = useState<Record<string, ReturnState>>({});
  const [notes, setNotes] = useState('');
  const [borrowerSignature, setBorrowerSignature] = useState<SignatureValue>(EMPTY);
  const [lenderSignature, setLenderSignature] = useState<SignatureValue>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<LoanView | null>(null);

  useEffect(() => { houseApi.loan(params.id!).then(setLoan).catch((e: unknown) => setError(errorMessage(e))); }, [params.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setDone(await houseApi.takeBack(params.id!, {
        notes, states: Object.entries(states).map(([itemId, state]) => ({ itemId, state })), borrowerSignature,
        lenderSignature: lenderSignature.drawnPng || lenderSignature.typedName ? lenderSignature : null,
      }));
    } catch (err) { setError(errorMessage(err)); } finally { setBusy(false); }
  };

  if (done) return <LoanDone loan={done} title={t('house.return.title')} message={t('house.return.done', { name: done.borrowerName })} />;
  return (
    <Screen title={t('house.return.title')} narrow>
      <p><a href="/association/equipment">{t('house.backToInventory')}</a></p>
      <FormError message={error} />
      {loan && (
        <form onSubmit={submit}>
          <p>{t('house.return.intro', { name: loan.borrowerName, date: formatDate(loan.outAt, locale) })}</p>
          {loan.items.map((i) => (
            <SelectField key={i.id} label={i.label} value={states[i.id] ?? 'good'} onValue={(v) => setStates((s) => ({ ...s, [i.id]: v as ReturnState }))}
              options={RETURN_STATES.map((s) => ({ value: s, label: t(`house.state.${s}`) }))} />
          ))}
          <div class="field">
            <label for="return-notes">{t('house.return.notes')}</label>
            <textarea id="return-notes" maxLength={2000} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
          </div>
          <SignaturePad label={t('house.sign.borrower', { name: loan.borrowerName })} hint={t('house.sign.returnHint')} clearLabel={t('house.sign.clear')}
            typedLabel={t('house.sign.typed')} value={borrowerSignature} onValue={setBorrowerSignature} testId="sign-borrower" />
          <SignaturePad label={t('house.sign.receiver')} hint={t('house.sign.lenderHint')} clearLabel={t('house.sign.clear')}
            typedLabel={t('house.sign.typed')} value={lenderSignature} onValue={setLenderSignature} testId="sign-lender" />
          <Button type="submit" busy={busy}>{t('house.return.submit')}</Button>
        </form>
      )}
    </Screen>
  );
}
