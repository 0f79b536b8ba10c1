import { ROLES } from '@vigie/domain/rules';
import type { Option } from '../../../ui/SelectField';
import { t } from '../../../i18n';

/** Call during render (after `useT()`) so labels follow the current language. */
export function roleOptions(): Option[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
