import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { OperationInput } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { getAll, getBy, getOne } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { saveOperation, type FieldUser } from '../../../offline/store';
import type { LocalSite } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { addEviction } from './actions';
import { useReference } from './data';
import { formatCount, formatDate, formatTime, termLabel, termsOf } from './format';
import { SitePicker } from './SitePicker';

export function OperationPage({ id, me }: { id: string; me: FieldUser }) {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const ref = useReference();
  const op = useLive(() => getOne('operations', id).then((o) => o ?? null), [id]);
  const evictions = useLive(() => getBy('evictions', 'operationId', id).then((l) => l.sort((a, b) => (a.record.arrivedAt < b.record.arrivedAt ? -1 : 1))), [id]) ?? [];
  const sites = useLive(() => getAll('sites'), []) ?? [];
  const [picking, setPicking] = useState<null | 'full' | 'quick'>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState<OperationInput | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (op && !draft) setDraft(op.record);
  }, [op]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  if (op === undefined) return null;
  if (op === null) {
    return (
      <Screen title={t('field.title')}>
        <p>{t('field.operation.notFound')}</p>
        <a href="/field">{t('field.operation.home')}</a>
      </Screen>
    );
  }
  const record = draft ?? op.record;
  const update = (patch: Partial<OperationInput>, now = false) => {
    const next = { ...record, ...patch };
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    if (now) void saveOperation(next);
    else timer.current = setTimeout(() => void saveOperation(next), 250);
  };

  async function pick(site: LocalSite) {
    const quick = picking === 'quick';
    const e = await addEviction(id, site, quick);
    setPicking(null);
    if (quick) setMessage(t('field.operation.quickSaved', { site: site.record.code, time: formatTime(e.arrivedAt, locale) }));
    else route(`/field/evictions/${e.id}`);
  }

  const site = (sid: string) => sites.find((s) => s.id === sid);
  const area = ref?.areas.find((a) => a.id === record.areaId);
  const typeTerms = termsOf(ref?.terms, 'operation_type');
  const team = (ref?.members ?? []).filter((m) => m.id !== me.id);

  return (
    <Screen title={t('field.operation.title', { date: formatDate(record.startedAt, locale) })}>
      <p class="op-meta" data-testid="operation-meta">
        {area?.name}
        {' · '}
        {t('field.operation.started', { time: formatTime(record.startedAt, locale) })}
        {' · '}
        {record.endedAt ? t('field.operation.ended', { time: formatTime(record.endedAt, locale) }) : t('field.operation.inProgress')}
      </p>
      <StatusMessage message={message} />
      {picking ? (
        <SitePicker
          title={picking === 'quick' ? t('field.picker.quickTitle') : t('field.picker.title')}
          areaId={record.areaId}
          communes={ref?.communes ?? []}
          onPick={(s) => void pick(s)}
          onCancel={() => setPicking(null)}
        />
      ) : (
        <div class="big-actions">
          <Button onClick={() => { setMessage(null); setPicking('full'); }} testId="add-eviction">
            {t('field.operation.addEviction')}
          </Button>
          <Button variant="secondary" onClick={() => { setMessage(null); setPicking('quick'); }} testId="quick-eviction">
            {t('field.operation.quick')}
          </Button>
        </div>
      )}

      <h2>{t('field.operation.evictions', { count: evictions.length })}</h2>
      {evictions.length === 0 ? (
        <p class="muted">{t('field.operation.noEvictions')}</p>
      ) : (
        <ol class="rows" data-testid="eviction-list">
          {evictions.map((e) => (
            <li key={e.id}>
              <a href={`/field/evictions/${e.id}`} class="row-link" data-testid="eviction-row">
                <strong>{site(e.siteId)?.record.code ?? t('field.eviction.unknownSite')}</strong>
                <span>
                  {formatTime(e.record.arrivedAt, locale)}
                  {e.record.leftAt && `–${formatTime(e.record.leftAt, locale)}`}
                </span>
                {e.record.counts.personsEvicted && <span>{formatCount(e.record.counts.personsEvicted, locale)}</span>}
                <span class={`chip chip-${e.status}`}>{t(`field.evictionStatus.${e.status}`)}</span>
                {e.record.quick && e.status === 'draft' && <span class="chip chip-warn">{t('field.eviction.quick')}</span>}
                {e.syncState !== 'synced' && <span class={`chip chip-${e.syncState}`}>{t(`field.syncState.${e.syncState}`)}</span>}
              </a>
            </li>
          ))}
        </ol>
      )}

      {/* The team comes with the reference data, kept on the phone: picking works offline. */}
      <section class="section" data-testid="co-observers">
        <h2>{t('phone.coObservers.title')}</h2>
        <p class="muted">{t('phone.coObservers.hint')}</p>
        {team.length === 0 ? <p class="muted">{t('phone.coObservers.none')}</p> : team.map((m) => (
          <Checkbox key={m.id} label={m.displayName} checked={record.observerIds.includes(m.id)}
            onChecked={(on) => update({ observerIds: on ? [...new Set([...record.observerIds, m.id])] : record.observerIds.filter((x) => x !== m.id) }, true)} />
        ))}
      </section>

      <details class="section">
        <summary>{t('field.operation.details')}</summary>
        {ref && (
          <SelectField label={t('field.operation.area')} value={record.areaId} onValue={(v) => update({ areaId: v }, true)} options={ref.areas.map((a) => ({ value: a.id, label: a.name }))} />
        )}
        <SelectField
          label={t('field.operation.type')}
          value={record.operationType ?? ''}
          onValue={(v) => update({ operationType: v || null }, true)}
          options={[{ value: '', label: t('field.operation.none') }, ...typeTerms.map((x) => ({ value: x.code, label: termLabel(x, x.code, locale) }))]}
        />
        <TextField label={t('field.operation.officer')} value={record.officerInCharge ?? ''} onValue={(v) => update({ officerInCharge: v || null })} maxLength={200} />
        <TextField label={t('field.operation.authorities')} value={record.authoritiesPresent ?? ''} onValue={(v) => update({ authoritiesPresent: v || null })} maxLength={500} />
        <TextField label={t('field.operation.notes')} value={record.notes ?? ''} onValue={(v) => update({ notes: v || null })} maxLength={5000} />
      </details>

      {!record.endedAt && (
        <Button variant="secondary" onClick={() => update({ endedAt: new Date().toISOString() }, true)} testId="end-operation">
          {t('field.operation.end')}
        </Button>
      )}
      <p class="links">
        <a href="/field">{t('field.operation.home')}</a>
      </p>
    </Screen>
  );
}
