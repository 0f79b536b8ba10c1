import type { Tally } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Term } from '../../../offline/types';
import { CountStepper } from './controls';
import { termLabel } from './format';

/** Items seized or structures destroyed: one stepper per term; zero rows are dropped from the record. */
export function TalliesSection({ title, open, terms, list, suggested, onList, error, testId }: {
  title: string;
  open: boolean;
  terms: Term[];
  list: Tally[];
  suggested?: Tally[] | undefined;
  onList: (l: Tally[]) => void;
  error: string | null;
  testId: string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <details class="section" open={open}>
      <summary>{title}</summary>
      {!terms.length && <p class="muted">{t('field.eviction.noTerms')}</p>}
      {terms.map((term) => {
        const cur = list.find((x) => x.term === term.code) ?? null;
        const sug = suggested?.find((x) => x.term === term.code);
        return (
          <CountStepper
            key={term.code}
            label={termLabel(term, term.code, locale)}
            value={cur ? { n: cur.n, atLeast: cur.atLeast } : null}
            suggestion={sug ? { n: sug.n, atLeast: sug.atLeast } : undefined}
            onValue={(c) => {
              const rest = list.filter((x) => x.term !== term.code);
              onList(c ? [...rest, { term: term.code, ...c }] : rest);
            }}
            testId={`${testId}-${term.code}`}
          />
        );
      })}
      {error && <p class="field-error">{error}</p>}
    </details>
  );
}
