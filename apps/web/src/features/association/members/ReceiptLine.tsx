import { useState } from 'preact/hooks';
import { euroAmountInFigures } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { membersApi, type ReceiptView } from './membersApi';

/** One issued receipt: its number, a link to the PDF as issued, and cancellation with a reason (never an edit). */
export function ReceiptLine({ receipt, act }: { receipt: ReceiptView; act: (f: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState<string | null>(null);
  const label = receipt.kind === 'cancellation' ? t('members.receipt.cancellation') : t('members.receipt.receipt');
  return (
    <li data-testid={`receipt-${receipt.reference}`}>
      <a href={membersApi.pdfUrl(receipt.id)} download>{label} {receipt.reference}</a> — {euroAmountInFigures(receipt.amountCents)}
      {receipt.cancelledBy && <> · <strong>{t('members.receipt.cancelled')}</strong></>}
      {receipt.kind === 'receipt' && !receipt.cancelledBy && reason === null && (
        <> · <Button variant="link" onClick={() => setReason('')}>{t('members.receipt.cancel')}</Button></>
      )}
      {reason !== null && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => membersApi.cancel(receipt.id, reason)).then(() => setReason(null)); }}>
          <div class="field">
            <label for={`cancel-${receipt.id}`}>{t('members.receipt.reason')}</label>
            <input id={`cancel-${receipt.id}`} required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </div>
          <Button type="submit">{t('members.receipt.confirmCancel')}</Button>
        </form>
      )}
    </li>
  );
}
