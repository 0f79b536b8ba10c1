import { useId } from 'preact/hooks';

/** A labelled calendar-date input (yyyy-MM-dd), which the shared TextField does not offer. */
export function DateField({ label, value, onValue, testId }: { label: string; value: string; onValue: (v: string) => void; testId?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="date" value={value} onInput={(e) => onValue(e.currentTarget.value)} data-testid={testId} />
    </div>
  );
}

export function TextArea({ label, value, onValue, testId }: { label: string; value: string; onValue: (v: string) => void; testId?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={4} value={value} onInput={(e) => onValue(e.currentTarget.value)} data-testid={testId} />
    </div>
  );
}
