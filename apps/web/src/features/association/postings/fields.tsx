import { useId } from 'preact/hooks';

/** Inputs the shared ui/ does not offer: a calendar date, a number and a multi-line text. */
export function DateInput({ label, value, onValue, required }: { label: string; value: string; onValue: (v: string) => void; required?: boolean }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="date" value={value} required={required} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}

export function NumberInput({ label, value, onValue, step }: { label: string; value: string; onValue: (v: string) => void; step?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="number" inputMode="decimal" min="0" step={step ?? 'any'} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}

export function LongText({ label, hint, value, onValue, rows = 4, required }: { label: string; hint?: string; value: string; onValue: (v: string) => void; rows?: number; required?: boolean }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      <textarea id={id} rows={rows} value={value} required={required} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}
