import { useId } from 'preact/hooks';

/** A moment picked on the phone's own clock (Paris for the team); the caller turns it into ISO. */
export function DateTimeInput({ label, value, onValue, required, testId }: { label: string; value: string; onValue: (v: string) => void; required?: boolean; testId?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="datetime-local" value={value} required={required} data-testid={testId} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}

/** "2026-11-10T09:30" typed in the browser's zone → an ISO instant. */
export const localToIso = (v: string) => new Date(v).toISOString();
