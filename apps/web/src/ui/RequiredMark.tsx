import { useT } from '../i18n';

/** The asterisk after a required field's label; the input itself carries aria-required. */
export function RequiredMark() {
  const t = useT();
  return <span class="required-mark" title={t('office.required')} aria-hidden="true">*</span>;
}
