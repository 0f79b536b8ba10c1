import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';

/** Placeholder until the legal tools land; says so plainly rather than showing an empty shell. */
export function LegalPage() {
  const t = useT();
  return (
    <Screen title={t('poles.legal.title')}>
      <p>{t('poles.legal.text')}</p>
    </Screen>
  );
}
