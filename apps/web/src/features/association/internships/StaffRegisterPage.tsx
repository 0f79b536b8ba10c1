import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { internshipsApi, type StaffRegister } from './internshipsApi';
import './staff-register.css';

/**
 * The interns' part of the staff register (registre unique du personnel): in order of arrival,
 * name, school, tutor, dates and place, kept five years after each internship ends. Printed on
 * its own: the application's navigation and buttons are left off the page.
 */
export function StaffRegisterPage() {
  const t = useT();
  const locale = useLocale();
  const [register, setRegister] = useState<StaffRegister | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { internshipsApi.register().then(setRegister, (e: unknown) => setError(errorMessage(e))); }, []);
  const day = (d: string) => formatDate(d, locale, { year: 'always' });
  return (
    <Screen title={t('association.register.title')}>
      <p class="register-no-print"><a href="/association/internships">{t('association.register.back')}</a></p>
      <FormError message={error} />
      {register && (
        <section class="staff-register" data-testid="staff-register" aria-labelledby="register-heading">
          <h2 id="register-heading">{t('association.register.heading', { organisation: register.organisation })}</h2>
          <p class="muted">{t('association.register.intro', { date: day(register.printedOn) })}</p>
          {register.interns.length === 0 ? <p>{t('association.register.none')}</p> : (
            <div class="staff-register-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('association.register.order')}</th><th scope="col">{t('association.register.name')}</th>
                    <th scope="col">{t('association.register.school')}</th><th scope="col">{t('association.register.tutor')}</th>
                    <th scope="col">{t('association.register.startsOn')}</th><th scope="col">{t('association.register.endsOn')}</th>
                    <th scope="col">{t('association.register.place')}</th>
                  </tr>
                </thead>
                <tbody>
                  {register.interns.map((i) => (
                    <tr key={i.order} data-testid="register-intern">
                      <td>{i.order}</td>
                      <td>{i.name}{i.status === 'planned' && <> <span class="muted">({t('association.register.planned')})</span></>}</td>
                      <td>{i.school}</td><td>{i.tutor}</td><td>{day(i.startsOn)}</td><td>{day(i.endsOn)}</td><td>{i.place}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="register-no-print"><Button onClick={() => window.print()} testId="register-print">{t('association.register.print')}</Button></p>
        </section>
      )}
    </Screen>
  );
}
