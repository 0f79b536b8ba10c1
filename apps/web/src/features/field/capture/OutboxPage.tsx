import { useState } from 'preact/hooks';
import type { RoundInput, TestimonyOffline } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { getAll, outboxInOrder } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { useProgress } from '../../../offline/progress';
import { discardRefused, resendMine } from '../../../offline/store';
import { syncNow } from '../../../offline/sync';
import type { OutboxEntry } from '../../../offline/types';
import { countPhotos } from '../../../offline/upload';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { useReference, useSyncStatus } from './data';
import { formatDateTime } from './format';
import { MediaRow } from './MediaRow';
import { RefusedPhotos } from './RefusedPhotos';

/** What is waiting, what the server refused and why, what is in conflict. */
export function OutboxPage() {
  const t = useT();
  const locale = useLocale();
  const s = useSyncStatus();
  const entries = useLive(() => outboxInOrder(), []) ?? [];
  const photos = countPhotos(useLive(() => getAll('photos'), []) ?? []);
  const progress = useProgress();
  const incomplete = useLive(() => getAll('incidents').then((l) => l.filter((i) => i.incomplete)), []) ?? [];
  const [busy, setBusy] = useState(false);
  const groups = [
    ['failed', entries.filter((e) => e.state === 'rejected')],
    ['conflicts', entries.filter((e) => e.state === 'conflict')],
    ['waiting', entries.filter((e) => e.state === 'queued')],
  ] as const;

  return (
    <Screen title={t('field.outbox.title')}>
      <Button
        busy={busy || s.syncing}
        onClick={async () => {
          setBusy(true);
          try {
            await syncNow();
          } finally {
            setBusy(false);
          }
        }}
        testId="sync-now"
      >
        {t('field.outbox.syncNow')}
      </Button>
      {s.lastError && <p class="muted" data-testid="sync-last-error">{t('field.status.lastError', { message: s.lastError })}</p>}
      {entries.length === 0 && photos.waiting === 0 && photos.failed.length === 0 && photos.files.length === 0 && incomplete.length === 0 && <p class="status-message" data-testid="outbox-empty">{t('field.outbox.empty')}</p>}
      {groups.map(([key, list]) =>
        list.length ? (
          <section key={key} data-testid={`outbox-${key}`}>
            <h2>
              {t(`field.outbox.${key}`)} ({list.length})
            </h2>
            {key === 'failed' && <p class="field-hint">{t('field.outbox.rejectedHint')}</p>}
            {key === 'conflicts' && <p class="field-hint">{t('field.outbox.conflictHint')}</p>}
            <ul class="rows">
              {list.map((e) => (
                <OutboxRow key={e.seq} e={e} />
              ))}
            </ul>
          </section>
        ) : null,
      )}
      <RefusedPhotos photos={photos.failed} />
      {photos.files.length > 0 && (
        <section data-testid="outbox-files">
          <h2>
            {t('media.files')} ({photos.files.length})
          </h2>
          <ul class="media-rows">
            {photos.files.map((p) => <MediaRow key={p.id} p={p} live={progress.get(p.id)} />)}
          </ul>
        </section>
      )}
      {incomplete.length > 0 && (
        <section data-testid="outbox-incomplete-incidents">
          <h2>
            {t('field.incident.incompleteList')} ({incomplete.length})
          </h2>
          <p class="field-hint">{t('field.incident.incompleteHint')}</p>
          <ul class="rows">
            {incomplete.map((i) => (
              <li key={i.id}>
                <a href={`/field/incidents/${i.id}`} class="row-link">
                  <strong>{t(`field.incident.kind.${i.record.kind}`)}</strong> <span>{formatDateTime(i.record.occurredAt, locale)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {photos.waiting > 0 && <p class="notice" data-testid="outbox-photos">{t('field.outbox.photosWaiting', { count: photos.waiting })}</p>}
      {photos.sent > 0 && <p class="muted" data-testid="outbox-photos-sent">{t('field.outbox.photosSent', { count: photos.sent })}</p>}
      {photos.filesSent > 0 && <p class="muted" data-testid="outbox-files-sent">{t('media.filesSent', { count: photos.filesSent })}</p>}
    </Screen>
  );
}

/**
 * What a waiting round or testimony is, in words ("Maraude · Calais · 14:30"), from the command
 * itself: they have no screen to open once saved. A testimony shows its language, never its
 * pseudonym or account.
 */
function useDescribe(): (e: OutboxEntry) => string {
  const t = useT();
  const locale = useLocale();
  const ref = useReference();
  return (e) => {
    if (e.type === 'round.save') {
      const r = e.record as RoundInput;
      const area = ref?.areas.find((a) => a.code === r.areaCode)?.name ?? r.areaCode;
      return t('fieldRecords.outbox.round', { area, time: formatDateTime(r.startedAt, locale) });
    }
    if (e.type === 'testimony.save') {
      const r = e.record as TestimonyOffline;
      return t(r.consent ? 'fieldRecords.outbox.testimony' : 'fieldRecords.outbox.testimonyDraft', { language: t(`testimonies.languages.${r.language}`), time: formatDateTime(e.createdAt, locale) });
    }
    return t(`field.outbox.type.${e.type}`);
  };
}

function OutboxRow({ e }: { e: OutboxEntry }) {
  const t = useT();
  const locale = useLocale();
  const describe = useDescribe();
  const told = e.type === 'round.save' || e.type === 'testimony.save';
  const href = e.table === 'evictions' || e.table === 'operations' || e.table === 'incidents' ? `/field/${e.table}/${e.recordId}` : null;
  return (
    <li class={`outbox-row outbox-${e.state}`} data-testid="outbox-row" data-command-id={e.commandId}>
      <div>
        <strong data-testid="outbox-what">{describe(e)}</strong>{!told && <> <span class="muted">{formatDateTime(e.createdAt, locale)}</span></>}
        {e.attempts > 0 && <span class="muted"> · {t('field.outbox.attempts', { count: e.attempts })}</span>}
      </div>
      {e.error?.message && (
        <p class="field-error" data-testid="outbox-error">
          {e.error.message}
        </p>
      )}
      <div class="row-actions">
        {href && <a href={href}>{t('field.outbox.open')}</a>}
        {told && e.state === 'rejected' && <DiscardRefused e={e} />}
        {e.state === 'conflict' && (
          <Button variant="secondary" onClick={() => void resendMine(e)} testId="outbox-resend">
            {t('field.outbox.resend')}
          </Button>
        )}
      </div>
    </li>
  );
}

/** Taking a refused round or testimony off the phone, after a second tap: it was never recorded on the server. */
function DiscardRefused({ e }: { e: OutboxEntry }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <Button variant="danger" onClick={() => setConfirming(true)} testId="outbox-discard">{t('fieldRecords.outbox.discard')}</Button>;
  return (
    <>
      <span>{t('fieldRecords.outbox.discardConfirm')}</span>
      <Button variant="danger" onClick={() => void discardRefused(e)} testId="outbox-discard-confirm">{t('fieldRecords.outbox.discardYes')}</Button>
      <Button variant="link" onClick={() => setConfirming(false)}>{t('field.outboxPhoto.keep')}</Button>
    </>
  );
}
