import { useRef, useState } from 'preact/hooks';
import { errorMessage, fieldErrorsOf } from '../api/client';
import { t } from '../i18n';
import type { Errors } from './validate';

/**
 * Submission state shared by every form: busy flag, a form-level message (role="alert")
 * and per-field messages, whether they come from our checks or from the server's `details`.
 */
export function useForm<K extends string>() {
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors<K>>({});
  const formRef = useRef<HTMLFormElement>(null);

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function onSubmit(validate: () => Errors<K>, action: () => Promise<void>) {
    return async (event: Event) => {
      event.preventDefault();
      if (busy) return;
      const found = validate();
      setErrors(found);
      if (Object.keys(found).length > 0) {
        setFormError(t('validation.fixErrors'));
        focusFirstInvalid();
        return;
      }
      setFormError(null);
      setBusy(true);
      try {
        await action();
      } catch (error) {
        setFormError(errorMessage(error));
        setErrors(fieldErrorsOf(error) as Errors<K>);
      } finally {
        setBusy(false);
      }
    };
  }

  return { busy, formError, setFormError, errors, formRef, onSubmit };
}
