import { useEffect, useState } from 'preact/hooks';
import { formatPercent, publishChecklist, type ChecklistItem } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import type { Bulletin } from './bulletinApi';

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * The checklist shown when "Publier" is chosen: what a reader would miss (a translation, a
 * photo's credit or caption) and a month observed on too few days. Publishing stays possible.
 */
export function PublishChecklist({ bulletin, busy, onPublish, onCancel }: { bulletin: Bulletin; busy: boolean; onPublish: () => void; onCancel: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [coverage, setCoverage] = useState<number | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ from: `${bulletin.month}-01`, to: lastDay(bulletin.month), areaCode: bulletin.area.code });
    api.get<{ coverage: { share: number } }>(`/api/statistics/summary?${q}`).then((s) => setCoverage(s.coverage.share), () => setCoverage(null));
  }, [bulletin.id]);
  const items = publishChecklist({
    texts: [
      { part: 'headline', fr: bulletin.headline.fr, en: bulletin.headline.en },
      { part: 'context', fr: bulletin.context.fr.join('\n'), en: bulletin.context.en.join('\n') },
    ],
    photos: bulletin.photos,
    coverageShare: coverage,
  });
  const say = (item: ChecklistItem) => {
    switch (item.kind) {
      case 'missingTranslation': {
        const text = t('office.checklist.missingTranslation', { part: t(`office.checklist.parts.${item.part as 'headline' | 'context'}`), lang: t(`office.checklist.langs.${item.lang}`) });
        return text.charAt(0).toLocaleUpperCase() + text.slice(1);
      }
      case 'photoWithoutCredit': return t('office.checklist.photoWithoutCredit', { photo: item.photo });
      case 'photoWithoutCaption': return t('office.checklist.photoWithoutCaption', { photo: item.photo, lang: t(`office.checklist.langs.${item.lang}`) });
      case 'lowCoverage': return t('office.checklist.lowCoverage', { share: formatPercent(item.share, locale) });
    }
  };
  return (
    <div class="card" role="alertdialog" aria-labelledby="bulletin-confirm" aria-describedby="bulletin-confirm-intro" data-testid="publish-checklist">
      <p id="bulletin-confirm"><strong>{items.length ? t('office.checklist.title') : t('office.checklist.ok')}</strong></p>
      {items.length > 0 && (
        <ul class="item-list">
          {items.map((item, i) => <li key={i} class="item-overdue" data-testid="checklist-item">{say(item)}</li>)}
        </ul>
      )}
      <p id="bulletin-confirm-intro">{t('office.checklist.intro')}</p>
      <div class="bulletin-actions">
        <Button variant="danger" busy={busy} onClick={onPublish} testId="bulletin-publish-confirm">
          {items.length ? t('office.checklist.publishAnyway') : t('office.checklist.publish')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>{t('office.checklist.cancel')}</Button>
      </div>
    </div>
  );
}
