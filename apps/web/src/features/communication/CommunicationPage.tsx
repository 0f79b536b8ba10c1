import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';

/** Placeholder until the communication tools land; says so plainly rather than showing an empty shell. */
export function CommunicationPage() {
  const t = useT();
  return (
    <Screen title={t('poles.communication.title')}>
      <p>{t('poles.communication.text')}</p>
    </Screen>
  );
}
