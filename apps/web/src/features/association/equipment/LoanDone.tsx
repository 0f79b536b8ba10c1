import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import type { LoanView } from './houseApi';

/** After a signature: the signed forms to download, and the way back. */
export function LoanDone({ loan, title, message }: { loan: LoanView; title: string; message: string }) {
  const t = useT();
  return (
    <Screen title={title} narrow>
      <p role="status" data-testid="loan-done">{message}</p>
      <ul>
        {loan.documents.map((d) => (
          <li key={d.kind}><a href={d.url} download data-testid={`loan-pdf-${d.kind}`}>{t(`house.documents.${d.kind}`)}</a> <small>SHA-256 {d.sha256.slice(0, 16)}…</small></li>
        ))}
      </ul>
      <p><a href="/association/equipment">{t('house.backToInventory')}</a></p>
    </Screen>
  );
}
