import type { Count } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { formatCount } from './format';

/**
 * Big-thumb controls for the street: 48px+ targets, one tap per change, no keyboard needed.
 * A count starts "non compté" (null); the first + makes it 1, "au moins" on by default.
 */
export function CountStepper({ label, value, onValue, suggestion, testId, atLeastToggle = true }: {
  label: string;
  value: Count | null;
  onValue: (c: Count | null) => void;
  suggestion?: Count | undefined;
  testId: string;
  atLeastToggle?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const n = value?.n ?? 0;
  const set = (next: number) => onValue({ n: Math.max(0, Math.min(100_000, next)), atLeast: value?.atLeast ?? true });
  return (
    <div class="stepper" data-testid={testId}>
      <div class="stepper-label">
        <span>{label}</span>
        {suggestion && !value && <span class="stepper-suggestion">{t('field.eviction.suggestion', { value: formatCount(suggestion, locale) })}</span>}
      </div>
      <div class="stepper-row">
        <button type="button" class="step" aria-label={t('field.stepper.minus', { label })} disabled={!value || n === 0} onClick={() => set(n - 1)} data-testid={`${testId}-minus`}>
          −
        </button>
        <input
          class="step-value"
          type="number"
          inputMode="numeric"
          min={0}
          aria-label={label}
          placeholder={t('field.stepper.notCounted')}
          value={value ? String(value.n) : ''}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            if (raw === '') onValue(null);
            else if (/^\d+$/.test(raw)) set(Number(raw));
          }}
          data-testid={`${testId}-value`}
        />
        <button type="button" class="step" aria-label={t('field.stepper.plus', { label })} onClick={() => set(value ? n + 1 : 1)} data-testid={`${testId}-plus`}>
          +
        </button>
        {atLeastToggle && <label class={`atleast${value ? '' : ' atleast-off'}`}>
          <input
            type="checkbox"
            checked={value?.atLeast ?? true}
            disabled={!value}
            onChange={(e) => value && onValue({ ...value, atLeast: e.currentTarget.checked })}
            data-testid={`${testId}-atleast`}
          />
          {t('field.stepper.atLeast')}
        </label>}
      </div>
    </div>
  );
}

/** Yes / No / Don't know, as three radio-like buttons (null = don't know). */
export function TriState({ label, value, onValue, testId }: { label: string; value: boolean | null; onValue: (v: boolean | null) => void; testId: string }) {
  const t = useT();
  const options: [boolean | null, string][] = [[true, t('field.tri.yes')], [false, t('field.tri.no')], [null, t('field.tri.unknown')]];
  return <Segmented label={label} value={value} options={options} onValue={onValue} testId={testId} />;
}

export function Segmented<V>({ label, value, options, onValue, testId }: {
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onValue: (v: V) => void;
  testId: string;
}) {
  return (
    <fieldset class="segmented" data-testid={testId}>
      <legend>{label}</legend>
      <div class="segmented-row">
        {options.map(([v, text]) => (
          <button key={String(v)} type="button" aria-pressed={v === value ? 'true' : 'false'} onClick={() => onValue(v)} data-testid={`${testId}-${String(v)}`}>
            {text}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
