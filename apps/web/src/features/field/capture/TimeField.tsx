import { useT } from '../../../i18n';
import { fromTimeInput, toTimeInput } from './format';

/** An hour and minute on the day of `dayIso`, with a "now" shortcut. */
export function TimeField({ label, iso, dayIso, onIso, error, testId }: { label: string; iso: string; dayIso: string; onIso: (v: string) => void; error: string | null; testId: string }) {
  const t = useT();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={testId}>{label}</label>
      <div class="time-row">
        <input
          id={testId}
          type="time"
          value={toTimeInput(iso)}
          onChange={(ev) => {
            const v = fromTimeInput(dayIso, ev.currentTarget.value);
            if (v) onIso(v);
          }}
          aria-invalid={error ? 'true' : undefined}
          data-testid={testId}
        />
        <button type="button" class="btn btn-link" onClick={() => onIso(new Date().toISOString())} data-testid={`${testId}-now`}>
          {t('field.eviction.now')}
        </button>
      </div>
      {error && <p class="field-error">{error}</p>}
    </div>
  );
}
