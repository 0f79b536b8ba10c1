import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { useUser } from '../auth/session';
import { ProfileDetailsForm } from './ProfileDetailsForm';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ProfilePage() {
  const t = useT();
  const user = useUser();
  return (
    <Screen title={t('profile.title')} narrow>
      <ProfileDetailsForm />
      <ChangePasswordForm />
      <section aria-labelledby="profile-2fa">
        <h2 id="profile-2fa">{t('profile.twofactorTitle')}</h2>
        <p>{user.totpEnabled ? t('profile.twofactorOn') : t('profile.twofactorOff')}</p>
        <p>
          <a href="/profile/two-factor">{t('profile.twofactorManage')}</a>
        </p>
      </section>
    </Screen>
  );
}
