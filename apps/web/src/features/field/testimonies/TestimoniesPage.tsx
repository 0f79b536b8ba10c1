import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { hasPermission, useUser } from '../../identity/auth/session';
import { testimoniesApi, type TestimonySummaryView } from './testimoniesApi';
import { WithdrawForm } from './WithdrawForm';
import './testimonies.css';

/** The list (all of them for the legal pole and coordinators, one's own for an observer) and the staff withdrawal. */
export function TestimoniesPage() {
  const t = useT();
  const locale = useLocale();
  const user = useUser();
  const readsAll = hasPermission(user, 'testimonies.read');
  const [list, setList] = useState<TestimonySummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => testimoniesApi.list().then(setList, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  return (
    <Screen title={t('testimonies.title')}>
      <p>{t(readsAll ? 'testimonies.intro' : 'testimonies.introObserver')}</p>
      <p><a class="btn btn-primary" href="/testimonies/new" data-testid="new-testimony">{t('testimonies.new')}</a></p>
      <FormError message={error} />
      {list && list.length === 0 && <p>{t('testimonies.none')}</p>}
      <ul class="testimony-list">
        {(list ?? []).map((x) => (
          <li key={x.id}>
            <a href={`/testimonies/${x.id}`}><strong>{x.pseudonym}</strong></a>
            <span>{formatDate(x.givenOn, locale)} · {t(`testimonies.languages.${x.language}`)} · {t(`testimonies.status.${x.status}`)}</span>
          </li>
        ))}
      </ul>
      {readsAll && (
        <section>
          <h2>{t('testimonies.withdraw.title')}</h2>
          <WithdrawForm intro={t('testimonies.withdraw.staffIntro')} withdraw={async (code) => { const r = await testimoniesApi.withdrawByStaff(code); void load(); return r; }} />
        </section>
      )}
    </Screen>
  );
}
