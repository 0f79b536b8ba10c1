import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { houseApi, type LoanView } from './houseApi';

/** What I hold (and held): each loan with its signed forms. Where the overdue reminder leads. */
export function MyLoansPage() {
  const t = useT();
  const locale = useLocale();
  const [loans, setLoans] = useState<LoanView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { houseApi.mine().then(setLoans).catch((e: unknown) => setError(errorMessage(e))); }, []);
  return (
    <Screen title={t('house.mine.title')} narrow>
      <FormError message={error} />
      {loans?.length === 0 && <p>{t('house.mine.none')}</p>}
      <ul class="cards">
        {loans?.map((l) => (
          <li key={l.id} class="card">
            <strong>{l.items.map((i) => i.label).join(', ')}</strong>
            <p class="card-meta">
              {t('house.out.since', { date: formatDate(l.outAt, locale) })}
              {l.returnedAt ? ` · ${t('house.mine.returned', { date: formatDate(l.returnedAt, locale) })}`
                : l.dueOn ? ` · ${t(l.overdue ? 'house.out.overdue' : 'house.out.due', { date: formatDate(l.dueOn, locale) })}` : ''}
            </p>
            <p>{l.documents.map((d) => <a key={d.kind} href={d.url} download>{t(`house.documents.${d.kind}`)} </a>)}</p>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
