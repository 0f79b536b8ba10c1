import { passwordHint } from '../forms/validate';
import { TextField } from './TextField';

interface Props {
  passwordLabel: string;
  confirmLabel: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordError?: string | null | undefined;
  confirmError?: string | null | undefined;
}

/**
 * A new password and its confirmation, as set-up, invitation, reset and profile ask for it:
 * the length hint, `new-password` autocomplete so password managers offer to save it.
 */
export function NewPasswordFields(p: Props) {
  return (
    <>
      <TextField
        label={p.passwordLabel}
        hint={passwordHint()}
        type="password"
        name="new-password"
        autocomplete="new-password"
        required
        value={p.password}
        onValue={p.onPassword}
        error={p.passwordError ?? null}
      />
      <TextField
        label={p.confirmLabel}
        type="password"
        name="confirm-password"
        autocomplete="new-password"
        required
        value={p.confirm}
        onValue={p.onConfirm}
        error={p.confirmError ?? null}
      />
    </>
  );
}
