import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMonth } from '@vigie/domain/rules';
import { api } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { lastMonth, type AreaOption, type BulletinSummary } from '../../features/communication/bulletins/bulletinApi';
import { HomeCard } from './HomeCard';

type Bulletins = { bulletins: BulletinSummary[]; areas: AreaOption[] };

function useBulletins() {
  const [data, setData] = useState<Bulletins | null>(null);
  useEffect(() => { api.get<Bulletins>('/api/bulletins').then(setData, () => setData(null)); }, []);
  return data;
}

/** Comms: what is due (last month's bulletin of each active area not yet published) and the latest publications. */
export function CommsHome() {
  const t = useT();
  const locale = useLocale();
  const data = useBulletins();
  const month = lastMonth();
  const due = (data?.areas ?? []).filter((a) => a.active && a.figureSet)
    .filter((a) => !data!.bulletins.some((b) => b.area.id === a.id && b.month === month && b.status === 'published'));
  return (
    <HomeCard title={t('office.home.comms.title')} testId="home-comms">
      <h3>{t('office.home.comms.due')}</h3>
      {data && due.length === 0 && <p>{t('office.home.comms.noDue')}</p>}
      <ul class="rows" data-testid="home-due">
        {due.map((a) => {
          const draft = data!.bulletins.find((b) => b.area.id === a.id && b.month === month);
          return (
            <li key={a.id}>
              <a class="row-link" href={draft ? `/communication/bulletins/${draft.id}` : '/communication'}>
                <strong>{t('office.home.comms.dueBulletin', { month: formatMonth(month, locale), area: a.name })}</strong>
                {draft && <span class="chip chip-draft">{t('office.home.comms.draft')}</span>}
              </a>
            </li>
          );
        })}
      </ul>
      <h3>{t('office.home.comms.recent')}</h3>
      <BulletinRows bulletins={(data?.bulletins ?? []).slice(0, 5)} empty={data ? t('office.home.comms.none') : null} />
      <p>
        <a href="/communication">{t('office.home.comms.open')}</a> · <a href="/reports/annual">{t('office.home.comms.report')}</a> ·{' '}
        <a href="/communication/public-statistics">{t('office.home.comms.publicPage')}</a>
      </p>
    </HomeCard>
  );
}

function BulletinRows({ bulletins, empty }: { bulletins: BulletinSummary[]; empty: string | null }) {
  const t = useT();
  const locale = useLocale();
  if (bulletins.length === 0) return empty ? <p class="muted">{empty}</p> : null;
  return (
    <ul class="rows" data-testid="home-bulletins">
      {bulletins.map((b) => (
        <li key={b.id}>
          <a class="row-link" href={`/communication/bulletins/${b.id}`}>
            <strong>{b.area.name}</strong>
            <span>{formatMonth(b.month, locale)}</span>
            <span class={`chip chip-${b.status === 'published' ? 'verified' : 'draft'}`}>
              {b.status === 'published' && b.publishedAt ? t('office.home.comms.published', { date: formatDate(b.publishedAt, locale) }) : t('office.home.comms.draft')}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
