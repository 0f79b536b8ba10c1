import type { Count, CountField, EvictionInput } from '@vigie/domain/rules';
import { COUNT_FIELDS } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import type { Suggestions } from '../../../offline/types';
import { Button } from '../../../ui/Button';
import { CountStepper } from './controls';

/** The people counted, each "at least" by default; last time's figures offered, never imposed. */
export function CountsSection({ counts, suggestions, onAdopt, onCount, problemOf }: {
  counts: EvictionInput['counts'];
  suggestions: Suggestions | null;
  onAdopt: () => void;
  onCount: (f: CountField, c: Count | null) => void;
  problemOf: (field: string) => string | null;
}) {
  const t = useT();
  return (
    <section class="section">
      <h2>{t('field.eviction.people')}</h2>
      {suggestions && (
        <Button variant="secondary" onClick={onAdopt} testId="adopt-suggestions">
          {t('field.eviction.adopt')}
        </Button>
      )}
      {COUNT_FIELDS.map((f) => (
        <div key={f}>
          <CountStepper label={t(`field.counts.${f}`)} value={counts[f]} onValue={(c) => onCount(f, c)} suggestion={suggestions?.counts[f]} testId={`count-${f}`} />
          {problemOf(`counts.${f}`) && <p class="field-error">{problemOf(`counts.${f}`)}</p>}
        </div>
      ))}
    </section>
  );
}
