import { formatWithdrawalCode } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';

/**
 * The card the person keeps: the code, shown once (only its hash is stored), and where to use
 * it. Printable on its own (the print style hides everything else).
 */
export function CodeCard({ code, onDone, doneLabel }: { code: string; onDone: () => void; doneLabel?: string }) {
  const t = useT();
  const url = `${location.origin}/withdraw-testimony`;
  return (
    <div class="testimony-card-page">
      <p class="testimony-warning testimony-no-print" role="note">{t('testimonies.card.showOnce')}</p>
      <div class="testimony-card" data-testid="code-card">
        <h2>{t('testimonies.card.code')}</h2>
        <p class="testimony-code" data-testid="withdrawal-code" lang="en" dir="ltr">{formatWithdrawalCode(code)}</p>
        <p>{t('testimonies.card.where', { url })}</p>
      </div>
      <p class="testimony-no-print testimony-actions">
        <Button onClick={() => window.print()} testId="print-card">{t('testimonies.card.print')}</Button>
        <Button variant="secondary" onClick={onDone} testId="card-done">{doneLabel ?? t('testimonies.card.done')}</Button>
      </p>
    </div>
  );
}
