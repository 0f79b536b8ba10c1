import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { testimoniesApi } from './testimoniesApi';
import { WithdrawForm } from './WithdrawForm';
import './testimonies.css';

/** The public page named on the code card: no account, the code is enough (rate-limited on the server). */
export function WithdrawTestimonyPage() {
  const t = useT();
  return (
    <Screen title={t('testimonies.withdraw.title')} narrow>
      <WithdrawForm intro={t('testimonies.withdraw.publicIntro')} withdraw={testimoniesApi.withdrawByPerson} />
    </Screen>
  );
}
