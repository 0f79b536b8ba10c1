import type { Count } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

/**
 * One approximate count of a round (people met, a need) as typed: the number as text and the
 * "at least" flag, ticked by default since a round's counts are estimates. Shared by the online
 * round screen and the phone's offline one so both say and send the same thing.
 */
export type CountDraft = { n: string; atLeast: boolean };
export const emptyCount = (): CountDraft => ({ n: '', atLeast: true });
/** Blank stays blank (not observed), never 0. */
export const countOf = (c: CountDraft): Count | null => (c.n.trim() === '' ? null : { n: Number(c.n), atLeast: c.atLeast });

export function RoundCountRow({ label, count, onChange, testId }: { label: string; count: CountDraft; onChange: (c: CountDraft) => void; testId: string }) {
  const t = useT();
  return (
    <div class="field round-count">
      <label>{label}
        <input type="number" inputMode="numeric" min={0} max={100000} value={count.n} data-testid={testId} onInput={(e) => onChange({ ...count, n: e.currentTarget.value })} />
      </label>
      <label class="checkbox"><input type="checkbox" checked={count.atLeast} onChange={(e) => onChange({ ...count, atLeast: e.currentTarget.checked })} data-testid={`${testId}-atleast`} /> {t('rounds.atLeast')}</label>
    </div>
  );
}
