import { useEffect, useState } from 'preact/hooks';
import { parisDate, type DeadlineView } from '@vigie/domain/rules';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { FormError } from '../../ui/FormError';
import { DeadlineLists } from '../../features/legal/DeadlineLists';
import { legalApi } from '../../features/legal/legalApi';
import { HomeCard } from './HomeCard';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The legal pole's home: deadlines overdue (a year back) and those of the next 30 days. */
export function LegalHome() {
  const t = useT();
  useLocale();
  const [deadlines, setDeadlines] = useState<DeadlineView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const today = parisDate(new Date());
    legalApi.deadlines(`from=${addDays(today, -365)}&to=${addDays(today, 30)}`).then(setDeadlines, (e) => setError(errorMessage(e)));
  }, []);
  return (
    <HomeCard title={t('office.home.legal.title')} testId="home-legal">
      <FormError message={error} />
      {deadlines && <DeadlineLists deadlines={deadlines} headingLevel={3} />}
      <p><a href="/legal">{t('office.home.legal.open')}</a></p>
    </HomeCard>
  );
}
