import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { areaLabel } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { getAll } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { getLastAreaId, newId, saveIncident, type FieldUser } from '../../../offline/store';
import { newIncident } from './incident-rules';
import type { LocalSite } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import { StatusMessage } from '../../../ui/FormError';
import { addEviction, startOperation } from './actions';
import { useReference } from './data';
import { formatDateTime, formatDateYear, formatTime } from './format';
import { PhoneMenu } from './PhoneMenu';
import { SitePicker } from './SitePicker';

export function FieldHome({ me }: { me: FieldUser }) {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const ref = useReference();
  // "Mes opérations": the observer's own (or not sent yet), newest first, with their date and year.
  const operations = useLive(() => getAll('operations').then((l) => l
    .filter((o) => o.record.observerIds.includes(me.id) || o.version === null)
    .sort((a, b) => (a.record.startedAt < b.record.startedAt ? 1 : -1)).slice(0, 20)), [me.id]) ?? [];
  const toComplete = useLive(() => getAll('evictions').then((l) => l.filter((e) => e.record.quick && e.status === 'draft')), []) ?? [];
  const sites = useLive(() => getAll('sites'), []) ?? [];
  // A coordinator sent these back (the pull keeps the observer's own rejected evictions on the phone).
  const rejected = useLive(() => getAll('evictions').then((l) => l.filter((e) => e.status === 'rejected' && e.createdById === me.id)), [me.id]) ?? [];
  const [areaId, setAreaId] = useState('');
  const [quick, setQuick] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void getLastAreaId().then((id) => setAreaId((cur) => cur || id || ''));
  }, []);
  useEffect(() => {
    if (!areaId && ref?.areas.length) setAreaId(ref.areas[0]!.id);
  }, [ref]);

  const current = operations.filter((o) => !o.record.endedAt).sort((a, b) => (a.record.startedAt < b.record.startedAt ? 1 : -1))[0];
  const areaName = (id: string) => ref?.areas.find((a) => a.id === id)?.name ?? '';
  const siteName = (id: string) => sites.find((s) => s.id === id)?.record.code ?? t('field.eviction.unknownSite');

  async function start() {
    const op = await startOperation(areaId, me.id);
    route(`/field/operations/${op.id}`);
  }

  async function quickPick(site: LocalSite) {
    const opId = current?.id ?? (await startOperation(areaId, me.id)).id;
    const e = await addEviction(opId, site, true);
    setQuick(false);
    setMessage(t('field.operation.quickSaved', { site: site.record.code, time: formatTime(e.arrivedAt, locale) }));
  }

  return (
    <Screen title={t('field.title')}>
      {/* The observer's home: greeted here, since "/" leads observers straight to the field screen. */}
      <p class="lead">{t('dashboard.welcome', { name: me.displayName })}</p>
      {ref === null && <p class="notice">{t('field.home.noReference')}</p>}
      <StatusMessage message={message} />
      {quick ? (
        <SitePicker title={t('field.picker.quickTitle')} areaId={current?.record.areaId ?? areaId} communes={ref?.communes ?? []} onPick={(s) => void quickPick(s)} onCancel={() => setQuick(false)} />
      ) : (
        <>
          {current && (
            <section class="card current-op">
              <h2>{t('field.home.current')}</h2>
              <p>
                {areaName(current.record.areaId)} · {t('field.operation.started', { time: formatTime(current.record.startedAt, locale) })}
              </p>
              <a class="btn btn-primary btn-block" href={`/field/operations/${current.id}`} data-testid="current-operation">
                {t('field.operation.back')}
              </a>
            </section>
          )}
          {ref && ref.areas.length > 1 && (
            <SelectField label={t('field.home.area')} value={areaId} onValue={setAreaId} options={ref.areas.map((a) => ({ value: a.id, label: areaLabel(a) }))} />
          )}
          <div class="big-actions">
            <Button onClick={() => void start()} disabled={!areaId} testId="start-operation">
              {t('field.home.start')}
            </Button>
            <Button variant="secondary" onClick={() => setQuick(true)} disabled={!areaId} testId="quick-entry">
              {t('field.home.quick')}
            </Button>
          </div>
        </>
      )}

      {rejected.length > 0 && (
        <section data-testid="to-correct">
          <h2>{t('phone.rejected.title')}</h2>
          <p class="muted">{t('phone.rejected.hint')}</p>
          <ul class="rows">
            {rejected.map((e) => (
              <li key={e.id}>
                <a href={`/field/evictions/${e.id}`} class="row-link" data-testid="to-correct-row">
                  <strong>{siteName(e.siteId)}</strong> <span>{formatDateTime(e.record.arrivedAt, locale)}</span>
                  {e.rejectionReason && <span class="chip chip-warn">{e.rejectionReason}</span>}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {toComplete.length > 0 && (
        <section>
          <h2>{t('field.home.toComplete')}</h2>
          <ul class="rows">
            {toComplete.map((e) => (
              <li key={e.id}>
                <a href={`/field/evictions/${e.id}`} class="row-link" data-testid="to-complete">
                  <strong>{siteName(e.siteId)}</strong> <span>{formatDateTime(e.record.arrivedAt, locale)}</span>
                  <span class="chip chip-warn">{t('field.eviction.quick')}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h2>{t('field.home.recent')}</h2>
        {operations.length === 0 ? (
          <p class="muted">{t('field.home.none')}</p>
        ) : (
          <ul class="rows">
            {operations.map((o) => (
              <li key={o.id}>
                <a href={`/field/operations/${o.id}`} class="row-link" data-testid="operation-row">
                  <strong>{formatDateYear(o.record.startedAt, locale)} {formatTime(o.record.startedAt, locale)}</strong> <span>{areaName(o.record.areaId)}</span>
                  {o.syncState !== 'synced' && <span class={`chip chip-${o.syncState}`}>{t(`field.syncState.${o.syncState}`)}</span>}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="links">
        <a href="/field/outbox">{t('field.home.outbox')}</a>
        {' · '}
        <a href="/field/rounds/new" data-testid="new-round">{t('rounds.homeLink')}</a>
        {' · '}
        <a href="/field/testimonies/new" data-testid="new-testimony">{t('fieldRecords.newTestimony')}</a>
        {' · '}
        <a href="/field" data-testid="new-outside-incident" onClick={(ev) => {
          // Outside an eviction: kept on the phone (encrypted, in the outbox once complete) like any incident.
          ev.preventDefault();
          const areaCode = ref?.areas.find((a) => a.id === areaId)?.code ?? ref?.areas[0]?.code ?? null;
          const record = { ...newIncident(newId(), null, 'violence', new Date()), areaCode };
          void saveIncident(record, false).then(() => route(`/field/incidents/${record.id}`));
        }}>{t('field.incident.newOutside')}</a>
        {me.permissions.includes('field.verify') && (
          <>
            {' · '}
            <a href="/review">{t('field.home.review')}</a>
            {' · '}
            <a href="/sites">{t('field.home.sites')}</a>
            {' · '}
            <a href="/phones">{t('phone.admin.title')}</a>
          </>
        )}
      </p>
      <PhoneMenu />
    </Screen>
  );
}
