import { useEffect, useState } from 'preact/hooks';
import { formatFigure, formatPercent, formatPeriod, isCitableMetric, metricLabel, type ChecklistItem } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';

/**
 * What is being published: a bulletin (publish), a press release before approval (refused by the
 * server while a cited figure differs, so the button waits for a refresh) or before sending, an
 * annual report before it is generated (its files never change afterwards).
 */
export type ChecklistPurpose = 'bulletin' | 'pressApprove' | 'pressSend' | 'annualReport';

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * The checklist shown before anything is published: the server computes it (missing
 * translations, photos without credit or caption, low coverage, cited figures changed since the
 * draft with their old and new values); the person may publish anyway after reading it.
 */
export function PublishChecklist({ url, purpose, busy, onConfirm, onCancel }: {
  url: string; purpose: ChecklistPurpose; busy: boolean; onConfirm: () => void; onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [items, setItems] = useState<ChecklistItem[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    api.get<{ items: ChecklistItem[] }>(url).then((r) => setItems(r.items), (e) => { setFailed(errorMessage(e)); setItems([]); });
  }, [url]);
  const say = (item: ChecklistItem) => {
    switch (item.kind) {
      case 'missingTranslation':
        return capitalise(t('office.checklist.missingTranslation', { part: t(`office.checklist.parts.${item.part as 'headline' | 'context'}`), lang: t(`office.checklist.langs.${item.lang}`) }));
      case 'photoWithoutCredit': return t('office.checklist.photoWithoutCredit', { photo: item.photo });
      case 'photoWithoutCaption': return t('office.checklist.photoWithoutCaption', { photo: item.photo, lang: t(`office.checklist.langs.${item.lang}`) });
      case 'lowCoverage': return t(purpose === 'bulletin' ? 'office.checklist.lowCoverage' : 'office.checklist.lowCoveragePeriod', { share: formatPercent(item.share, locale) });
      case 'figureChanged': {
        const present = (item.filters.forcesPresent as string[] | undefined) ?? [];
        const absent = (item.filters.forcesAbsent as string[] | undefined) ?? [];
        const corps = (item.filters.forceCorps as string | undefined) ?? null;
        const scope = [
          item.areaCode, formatPeriod(item.from, item.to, locale), corps,
          present.length ? t('office.checklist.forces', { present: present.join(', '), absent: absent.join(', ') || '—' }) : null,
        ].filter(Boolean).join(', ');
        const figure = isCitableMetric(item.metric) ? metricLabel(item.metric, locale) : item.metric;
        return t(purpose === 'bulletin' ? 'office.checklist.figureChanged' : 'office.checklist.figureChangedPress', {
          figure, scope, was: formatFigure(item.was, locale), now: formatFigure(item.now, locale),
        });
      }
      case 'quoteWithoutConsent': return t('office.checklist.quoteWithoutConsent', { quote: item.quote });
    }
  };
  // A quote without its person's consent is never published "anyway" (the server refuses it too).
  const blocked = (purpose === 'pressApprove' && (items ?? []).some((i) => i.kind === 'figureChanged')) || (items ?? []).some((i) => i.kind === 'quoteWithoutConsent');
  const labels = ({
    bulletin: { intro: 'office.checklist.intro', ok: 'office.checklist.ok', go: 'office.checklist.publish', anyway: 'office.checklist.publishAnyway' },
    pressApprove: { intro: 'office.checklist.press.approveIntro', ok: 'office.checklist.press.ok', go: 'office.checklist.press.approve', anyway: 'office.checklist.press.approveAnyway' },
    pressSend: { intro: 'office.checklist.press.sendIntro', ok: 'office.checklist.press.ok', go: 'office.checklist.press.send', anyway: 'office.checklist.press.sendAnyway' },
    annualReport: { intro: 'office.checklist.report.intro', ok: 'office.checklist.report.ok', go: 'office.checklist.report.generate', anyway: 'office.checklist.report.generateAnyway' },
  } as const)[purpose];
  const heading = items === null ? t('office.checklist.loading') : failed ? t('office.checklist.failed', { message: failed })
    : items.length ? t('office.checklist.title') : t(labels.ok);
  return (
    <div class="card" role="alertdialog" aria-labelledby="publish-checklist-title" aria-describedby="publish-checklist-intro" data-testid="publish-checklist">
      <p id="publish-checklist-title" aria-live="polite"><strong>{heading}</strong></p>
      {items !== null && items.length > 0 && (
        <ul class="item-list">
          {items.map((item, i) => <li key={i} class="item-overdue" data-testid="checklist-item">{say(item)}</li>)}
        </ul>
      )}
      <p id="publish-checklist-intro">{t(blocked ? 'office.checklist.press.blocked' : labels.intro)}</p>
      <div class="bulletin-actions">
        <Button variant="danger" busy={busy} disabled={items === null || blocked} onClick={onConfirm} testId="publish-confirm">
          {items && items.length ? t(labels.anyway) : t(labels.go)}
        </Button>
        <Button variant="secondary" onClick={onCancel}>{t('office.checklist.cancel')}</Button>
      </div>
    </div>
  );
}
