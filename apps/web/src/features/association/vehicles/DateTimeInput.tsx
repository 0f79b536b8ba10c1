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

/** An ISO instant → "2026-11-10T09:30" on the browser's clock, to prefill an input. */
export function isoToLocal(iso: string) {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
