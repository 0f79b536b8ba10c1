import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { mailingsApi, type MailingView } from './mailingsApi';

/**
 * The pipeline's progress for one mailing, polled every second until every recipient has a
 * final status. Each output words the counts its own way (`messageKey`), since a press officer
 * and a newsletter editor read "suppressed" differently.
 */
export function MailingProgress({ mailingId, messageKey, testId }: { mailingId: string; messageKey: 'newsletter.send.progress' | 'press.send.progress'; testId: string }) {
  const t = useT();
  const [m, setM] = useState<MailingView | null>(null);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const next = await mailingsApi.get(mailingId).catch(() => null);
      if (stop) return;
      setM(next);
      if (!next || next.counts.queued + next.counts.deferred > 0) setTimeout(tick, 1000);
    };
    void tick();
    return () => { stop = true; };
  }, [mailingId]);
  if (!m) return null;
  const done = m.total - m.counts.queued - m.counts.deferred;
  return (
    <div data-testid={testId}>
      <progress max={m.total} value={done} />{' '}
      {t(messageKey, { done, total: m.total, sent: m.counts.sent, suppressed: m.counts.suppressed, bounced: m.counts.bounced, failed: m.counts.failed })}
    </div>
  );
}
