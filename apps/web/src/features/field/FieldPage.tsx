import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';

/** Placeholder until the field tools land; says so plainly rather than showing an empty shell. */
export function FieldPage() {
  const t = useT();
  return (
    <Screen title={t('poles.field.title')}>
      <p>{t('poles.field.text')}</p>
    </Screen>
  );
}
