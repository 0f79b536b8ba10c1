import { useId } from 'preact/hooks';
import { describedBy } from './field';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  options: readonly Option[];
  onValue: (value: string) => void;
  hint?: string | null;
  error?: string | null;
  disabled?: boolean;
}

export function SelectField({ label, value, options, onValue, hint, error, disabled }: Props) {
  const id = useId();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
