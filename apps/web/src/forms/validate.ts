import { t } from '../i18n';

/** Mirrors `passwordSchema` in @vigie/domain (kept as a number so zod stays out of the bundle). */
export const PASSWORD_MIN = 12;

export type Errors<K extends string> = Partial<Record<K, string>>;

export function required(value: string): string | undefined {
  return value.trim() ? undefined : t('validation.required');
}

export function email(value: string): string | undefined {
  if (!value.trim()) return t('validation.required');
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? undefined : t('validation.email');
}

export function newPassword(value: string): string | undefined {
  if (!value) return t('validation.required');
  return value.length >= PASSWORD_MIN ? undefined : t('validation.passwordTooShort', { min: PASSWORD_MIN });
}

export function confirmation(password: string, confirm: string): string | undefined {
  if (!confirm) return t('validation.required');
  return password === confirm ? undefined : t('validation.passwordMismatch');
}

export function totpCode(value: string): string | undefined {
  return /^\d{6}$/.test(value.trim()) ? undefined : t('validation.totpFormat');
}

export function passwordHint(): string {
  return t('validation.passwordHint', { min: PASSWORD_MIN });
}

/** Drops the keys whose check passed, so an empty object means "valid". */
export function collect<K extends string>(checks: Record<K, string | undefined>): Errors<K> {
  const out: Errors<K> = {};
  for (const key of Object.keys(checks) as K[]) if (checks[key]) out[key] = checks[key];
  return out;
}
