import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { parisDate } from '@vigie/domain/rules';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { FormError } from '../../ui/FormError';
import { CalendarFeedLink } from './CalendarFeedLink';
import { DeadlineCalendar } from './DeadlineCalendar';
import { BundleAndPatternLinks } from './BundleAndPatternLinks';
import { DeadlineRules } from './DeadlineRules';
import { formatDay, legalApi, type LegalCaseSummaryView } from './legalApi';
import './legal.css';

const TABS = ['cases', 'calendar', 'rules'] as const;

/** The legal pole's home: its cases, the calendar of deadlines, and the rules that compute them. */
export function LegalPage() {
  const t = useT();
  const { query, path, route } = useLocation();
  const tab = TABS.find((x) => x === query.tab) ?? 'cases';
  return (
    <Screen title={t('legalCases.title')}>
      <div class="view-switch legal-tabs" role="group">
        {TABS.map((x) => (
          <button key={x} type="button" aria-pressed={tab === x} onClick={() => route(x === 'cases' ? path : `${path}?tab=${x}`, true)} data-testid={`legal-tab-${x}`}>
            {t(`legalCases.tabs.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'cases' && <CaseList />}
      {tab === 'calendar' && (<><DeadlineCalendar /><CalendarFeedLink /></>)}
      {tab === 'rules' && <DeadlineRules />}
      <BundleAndPatternLinks />
    </Screen>
  );
}

function CaseList() {
  const t = useT();
  const locale = useLocale();
  const [cases, setCases] = useState<LegalCaseSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { legalApi.cases().then(setCases, (e) => setError(errorMessage(e))); }, []);
  return (
    <section>
      <FormError message={error} />
      <p><a class="btn btn-primary" href="/legal/cases/new" data-testid="legal-new-case">{t('legalCases.cases.new')}</a></p>
      {cases?.length === 0 && <p>{t('legalCases.cases.empty')}</p>}
      <ul class="legal-case-list" data-testid="legal-case-list">
        {cases?.map((c) => (
          <li key={c.id}>
            <a href={`/legal/cases/${c.id}`}><strong>{c.title}</strong></a>
            <span>{t(`legalCases.actionTypes.${c.actionType}`)} · {t(`legalCases.statuses.${c.status}`)}{c.court && ` · ${c.court}`}</span>
            <span>{!c.nextDeadline ? t('legalCases.cases.noDeadline')
              // A deadline before today is not "next": it was missed, and says so.
              : c.nextDeadline < parisDate(new Date()) ? <strong class="chip chip-rejected">{t('office.deadlines.caseOverdue', { date: formatDay(c.nextDeadline, locale, 'short') })}</strong>
              : t('legalCases.cases.nextDeadline', { date: formatDay(c.nextDeadline, locale, 'short') })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
