import type { Tally } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Term } from '../../../offline/types';
import { CountStepper } from './controls';
import { termLabel } from './format';

/**
 * Items seized or structures destroyed: one stepper per term; zero rows are dropped from the
 * record. A term declared a part of another ("tentes pleines d'affaires" ⊂ "tentes") is
 * entered under its whole, once the whole has a count ("dont N"); it is never an item of its own.
 */
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
  const wholes = terms.filter((term) => !term.partOf);
  const partsOf = (code: string) => terms.filter((term) => term.partOf === code);
  return (
    <details class="section" open={open}>
      <summary>{title}</summary>
      {!terms.length && <p class="muted">{t('field.eviction.noTerms')}</p>}
      {wholes.map((term) => {
        const cur = list.find((x) => x.term === term.code) ?? null;
        const sug = suggested?.find((x) => x.term === term.code);
        const rest = list.filter((x) => x.term !== term.code);
        return (
          <div key={term.code}>
            <CountStepper
              label={termLabel(term, term.code, locale)}
              value={cur ? { n: cur.n, atLeast: cur.atLeast } : null}
              suggestion={sug ? { n: sug.n, atLeast: sug.atLeast } : undefined}
              onValue={(c) => onList(c ? [...rest, { ...cur, term: term.code, ...c }] : rest)}
              testId={`${testId}-${term.code}`}
            />
            {cur && partsOf(term.code).map((part) => {
              const p = cur.parts?.find((x) => x.term === part.code) ?? null;
              const others = (cur.parts ?? []).filter((x) => x.term !== part.code);
              return (
                <div class="stepper-part" key={part.code}>
                  <CountStepper
                    label={t('field.eviction.partOf', { label: termLabel(part, part.code, locale) })}
                    value={p ? { n: p.n, atLeast: p.atLeast } : null}
                    onValue={(c) => {
                      const parts = c ? [...others, { term: part.code, ...c }] : others;
                      const { parts: _old, ...whole } = cur;
                      onList([...rest, parts.length ? { ...whole, parts } : whole]);
                    }}
                    testId={`${testId}-${term.code}-${part.code}`}
                  />
                </div>
              );
            })}
          </div>
        );
      })}
      {error && <p class="field-error">{error}</p>}
    </details>
  );
}
