import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';

/** Placeholder until the association tools land; says so plainly rather than showing an empty shell. */
export function AssociationPage() {
  const t = useT();
  return (
    <Screen title={t('poles.association.title')}>
      <p>{t('poles.association.text')}</p>
    </Screen>
  );
}
