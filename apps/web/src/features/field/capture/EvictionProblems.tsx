import type { EvictionProblem } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

/** What stops a submission, listed after the observer tried to submit. */
export function EvictionProblems({ problems }: { problems: EvictionProblem[] }) {
  const t = useT();
  return (
    <div class="form-error" role="alert" data-testid="eviction-problems">
      {t('field.eviction.problems')}
      <ul>
        {problems.map((p) => (
          <li key={p.field + p.problem}>{t(`field.problem.${p.problem}`)}</li>
        ))}
      </ul>
    </div>
  );
}
