import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import { describedBy } from './field';
import { RequiredMark } from './RequiredMark';

interface Props {
  label: string;
  value: string;
  onValue?: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url';
  name?: string;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  required?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  pattern?: string;
  hint?: string | null;
  error?: string | null;
  testId?: string;
  inputRef?: Ref<HTMLInputElement>;
  spellcheck?: boolean;
}

export function TextField(props: Props) {
  const id = useId();
  const { label, hint, error, onValue } = props;
  return (
    <div class={`field${error ? ' field-invalid' : ''}${props.required ? ' field-required' : ''}`}>
      {/* The mark sits outside the label so that the field's name stays its label alone. */}
      <label for={id}>{label}</label>{props.required && <RequiredMark />}
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      <input
        id={id}
        ref={props.inputRef}
        // Preact's types discriminate on `type` to check `role`; we never set a role here.
        type={(props.type ?? 'text') as 'text'}
        name={props.name}
        value={props.value}
        onInput={(e) => onValue?.(e.currentTarget.value)}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        readOnly={props.readOnly}
        maxLength={props.maxLength}
        pattern={props.pattern}
        spellcheck={props.spellcheck}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-testid={props.testId}
      />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
