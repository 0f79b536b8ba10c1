import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { CountField } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { COUNT_FIELDS } from '@vigie/domain/rules';
import type { EvictionView, Reference, SiteView } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { OpenCaseLink } from '../../legal/OpenCaseLink';
import { WitnessStatementLink } from '../../legal/WitnessStatementPage';
import { TextField } from '../../../ui/TextField';
import { formatCount, formatDateTime, formatTime } from '../capture/format';
import { EvictionIncidents } from '../capture/EvictionIncidents';
import '../capture/field.css';

interface Queue {
  evictions: EvictionView[];
  duplicateGroups: string[][];
}
interface HistoryEntry {
  version: number;
  changedAt: string;
  changedBy: { id: string; displayName: string };
  changes: { field: string; before: unknown; after: unknown }[];
}

/** The server sends `createdBy` as a user id: the name comes from the organisation's members. */
function who(createdBy: unknown, members: ReadonlyMap<string, string>): string {
  if (createdBy && typeof createdBy === 'object' && 'displayName' in createdBy) return String((createdBy as { displayName: unknown }).displayName);
  return typeof createdBy === 'string' ? members.get(createdBy) ?? '' : '';
}

function useQueue() {
  const [queue, setQueue] = useState<Queue | null>(null);
  const [sites, setSites] = useState<Map<string, SiteView>>(new Map());
  const [members, setMembers] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const [q, s, ref] = await Promise.all([
        api.get<Queue>('/api/review/queue'),
        api.get<{ sites: SiteView[] }>('/api/sites'),
        // Names of who recorded what; the queue still shows without them.
        api.get<Pick<Reference, 'members'>>('/api/field/reference').catch(() => null),
      ]);
      setQueue(q);
      setSites(new Map(s.sites.map((x) => [x.id, x])));
      if (ref) setMembers(new Map(ref.members.map((m) => [m.id, m.displayName])));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  return { queue, sites, members, error, reload: load };
}

/** Coordinators: submitted evictions to verify, probable duplicates first. */
export function ReviewPage() {
  const t = useT();
  const locale = useLocale();
  const { queue, sites, members, error, reload } = useQueue();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const byId = new Map((queue?.evictions ?? []).map((e) => [e.id, e]));
  const inGroup = new Set((queue?.duplicateGroups ?? []).flat());
  const code = (e: EvictionView) => sites.get(e.siteId)?.code ?? '?';

  async function merge(keepId: string, group: string[]) {
    setFailure(null);
    try {
      await api.post('/api/evictions/merge', { keepId, mergeIds: group.filter((id) => id !== keepId) });
      setMessage(t('field.review.merged'));
      await reload();
    } catch (e) {
      setFailure(errorMessage(e));
    }
  }

  const row = (e: EvictionView) => (
    <a href={`/review/${e.id}`} class="row-link" data-testid="review-row">
      <strong>{code(e)}</strong>
      <span>{formatDateTime(e.arrivedAt, locale)}{e.leftAt && `–${formatTime(e.leftAt, locale)}`}</span>
      {e.counts.personsEvicted && <span>{formatCount(e.counts.personsEvicted, locale)}</span>}
      <span class="muted">{t('field.review.by', { name: who(e.createdBy, members) })}</span>
    </a>
  );

  return (
    <Screen title={t('field.review.title')}>
      <FormError message={error ?? failure} />
      <StatusMessage message={message} />
      {queue && queue.duplicateGroups.length > 0 && (
        <section data-testid="duplicate-groups">
          <h2>{t('field.review.duplicates')}</h2>
          <p class="field-hint">{t('field.review.duplicateHint')}</p>
          {queue.duplicateGroups.map((g) => (
            <div class="dup-group" key={g.join()} data-testid="duplicate-group">
              <ul class="rows">
                {g.map((id) => {
                  const e = byId.get(id);
                  return (
                    <li key={id}>
                      {e ? row(e) : id}
                      <Button variant="secondary" onClick={() => void merge(id, g)} testId="merge-keep">
                        {t('field.review.keep')}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      )}
      {queue && queue.evictions.length === 0 && <p class="muted">{t('field.review.empty')}</p>}
      <ul class="rows">
        {queue?.evictions.filter((e) => !inGroup.has(e.id)).map((e) => <li key={e.id}>{row(e)}</li>)}
      </ul>
    </Screen>
  );
}

/** One submitted eviction: its content, verify / reject with a reason, its version history. */
export function ReviewEvictionPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const id = params.id!;
  const { queue, sites, error, reload } = useQueue();
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const e = queue?.evictions.find((x) => x.id === id);

  useEffect(() => {
    api.get<{ versions: HistoryEntry[] }>(`/api/evictions/${id}/history`).then((h) => setHistory(h.versions), () => setHistory([]));
  }, [id, message]);

  async function act(kind: 'verify' | 'reject') {
    if (!e) return;
    setFailure(null);
    try {
      await api.post(`/api/evictions/${id}/${kind}`, kind === 'verify' ? { version: e.version } : { version: e.version, reason: reason.trim() });
      setMessage(t(kind === 'verify' ? 'field.review.verified' : 'field.review.rejected'));
      setRejecting(false);
      await reload();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  }

  const site = e ? sites.get(e.siteId) : undefined;
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? t('field.review.empty_value') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <Screen title={site ? t('field.eviction.title', { site: `${site.code} — ${site.name}` }) : t('field.review.title')}>
      <p>
        <a href="/review">{t('field.review.back')}</a>
      </p>
      <FormError message={error ?? failure} />
      <StatusMessage message={message} />
      <div class="actions">
        <OpenCaseLink evictionId={id} />
        <WitnessStatementLink evictionId={id} />
      </div>
      {e && (
        <>
          <dl class="summary" data-testid="review-detail">
            <dt>{t('field.eviction.arrivedAt')}</dt>
            <dd>{formatDateTime(e.arrivedAt, locale)}</dd>
            <dt>{t('field.eviction.leftAt')}</dt>
            <dd>{e.leftAt ? formatTime(e.leftAt, locale) : '—'}</dd>
            {COUNT_FIELDS.filter((f: CountField) => e.counts[f]).map((f) => (
              <>
                <dt>{t(`field.counts.${f}`)}</dt>
                <dd>{formatCount(e.counts[f]!, locale)}</dd>
              </>
            ))}
            <dt>{t('field.eviction.legalText')}</dt>
            <dd>{e.legalBasisText ?? '—'}</dd>
            <dt>{t('field.eviction.coverage')}</dt>
            <dd>{t(`field.coverage.${e.coverage}`)}</dd>
            <dt>{t('field.eviction.notes')}</dt>
            <dd>{e.notes.map((n) => `${formatTime(n.at, locale)} ${n.text}`).join(' · ') || '—'}</dd>
          </dl>
          <EvictionIncidents evictionId={e.id} />
          {e.status === 'submitted' && (
            <div class="actions">
              <Button onClick={() => void act('verify')} testId="review-verify">
                {t('field.review.verify')}
              </Button>
              <Button variant="danger" onClick={() => setRejecting(true)} testId="review-reject">
                {t('field.review.reject')}
              </Button>
            </div>
          )}
          {rejecting && (
            <div class="section">
              <TextField label={t('field.review.reason')} value={reason} onValue={setReason} maxLength={2000} testId="review-reason" />
              <Button variant="danger" disabled={!reason.trim()} onClick={() => void act('reject')} testId="review-reject-confirm">
                {t('field.review.confirmReject')}
              </Button>
            </div>
          )}
        </>
      )}
      <h2>{t('field.review.history')}</h2>
      {history && history.length === 0 && <p class="muted">{t('field.review.noHistory')}</p>}
      <ol class="history" data-testid="review-history">
        {history?.map((v) => (
          <li key={v.version}>
            <strong>{t('field.review.version', { version: v.version, date: formatDateTime(v.changedAt, locale), name: v.changedBy.displayName })}</strong>
            <ul>
              {v.changes.map((c) => (
                <li key={c.field}>{t('field.review.change', { field: c.field, before: show(c.before), after: show(c.after) })}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Screen>
  );
}
