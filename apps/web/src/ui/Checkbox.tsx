import { useId } from 'preact/hooks';

interface Props {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  disabled?: boolean;
}

export function Checkbox({ label, checked, onChecked, disabled }: Props) {
  const id = useId();
  return (
    <div class="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChecked(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}
