import { hasPermission, useUser } from '../../identity/auth/session';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, fieldErrorsOf } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { lastMonth, monthLabel, type AreaOption, type Bulletin, type BulletinSummary } from './bulletinApi';
import './communication.css';

/** The comms pole's desk: the monthly bulletins, and a form to draft the next one. */
export function CommunicationPage() {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const [bulletins, setBulletins] = useState<BulletinSummary[] | null>(null);
  const [areas, setAreas] = useState<AreaOption[]>([]);
  const [areaId, setAreaId] = useState('');
  const [month, setMonth] = useState(lastMonth());
  const [error, setError] = useState<string | null>(null);
  const [monthError, setMonthError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<{ bulletins: BulletinSummary[]; areas: AreaOption[] }>('/api/bulletins').then((r) => {
      setBulletins(r.bulletins);
      setAreas(r.areas.filter((a) => a.active));
      setAreaId((current) => current || r.areas.find((a) => a.active)?.id || '');
    }, (e) => setError(errorMessage(e)));
  }, []);

  async function generate(e: Event) {
    e.preventDefault();
    setError(null);
    setMonthError(null);
    setBusy(true);
    try {
      const { bulletin } = await api.post<{ bulletin: Bulletin }>('/api/bulletins', { areaId, month });
      route(`/communication/bulletins/${bulletin.id}`);
    } catch (err) {
      setMonthError(fieldErrorsOf(err).month ?? null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const area = areas.find((a) => a.id === areaId);
  return (
    <Screen title={t('bulletins.title')}>
      <p class="lead">{t('bulletins.lead')}</p>
      <p><a href="/reports/annual">{t('reports.link')}</a> · <a href="/communication/contacts" data-testid="contacts-link">{t('contacts.link')}</a></p>
      <p><a href="/reports/annual">{t('reports.link')}</a></p>
      {hasPermission(useUser(), 'research.share') && <p><a href="/communication/research" data-testid="research-link">{t('research.link')}</a></p>}
      <p><a href="/reports/annual">{t('reports.link')}</a> · <a href="/communication/contacts" data-testid="contacts-link">{t('contacts.link')}</a> · <a href="/communication/press-releases" data-testid="press-link">{t('press.link')}</a> · <a href="/communication/monitoring" data-testid="monitoring-link">{t('monitoring.link')}</a> · <a href="/communication/newsletter" data-testid="newsletter-link">{t('newsletter.link')}</a> · <a href="/communication/campaigns" data-testid="campaigns-link">{t('campaigns.title')}</a> · <a href="/communication/calendar">{t('campaigns.calendar.link')}</a> · <a href="/communication/grants" data-testid="grants-link">{t('grants.link')}</a></p>
      <p><a href="/communication/figure-sets" data-testid="figure-sets-link">{t('figureSets.link')}</a></p>
      <section class="card bulletin-create" aria-labelledby="bulletin-create">
        <h2 id="bulletin-create">{t('bulletins.create.title')}</h2>
        <form onSubmit={generate}>
          <SelectField label={t('bulletins.create.area')} value={areaId} onValue={setAreaId}
            options={areas.map((a) => ({ value: a.id, label: a.name }))} />
          {area && !area.figureSet && <p class="field-hint">{t('bulletins.create.noFigureSet')}</p>}
          <div class={`field${monthError ? ' field-invalid' : ''}`}>
            <label for="bulletin-month">{t('bulletins.create.month')}</label>
            <input id="bulletin-month" type="month" value={month} required data-testid="bulletin-month"
              onInput={(e) => setMonth(e.currentTarget.value)} aria-invalid={monthError ? 'true' : undefined} />
            {monthError && <p class="field-error">{monthError}</p>}
          </div>
          <FormError message={error} />
          <Button type="submit" busy={busy} disabled={!areaId} testId="bulletin-generate">{t('bulletins.create.submit')}</Button>
        </form>
      </section>
      <h2>{t('bulletins.list.title')}</h2>
      {bulletins && bulletins.length === 0 && <p class="muted">{t('bulletins.list.empty')}</p>}
      <ul class="rows" data-testid="bulletin-list">
        {(bulletins ?? []).map((b) => (
          <li key={b.id}>
            <a href={`/communication/bulletins/${b.id}`} class="row-link" data-testid="bulletin-row">
              <strong>{b.area.name}</strong>
              <span>{monthLabel(b.month, locale)}</span>
              <span class={`chip chip-${b.status === 'published' ? 'verified' : 'draft'}`}>{t(`bulletins.status.${b.status}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
