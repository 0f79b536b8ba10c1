import type { EvictionInput } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { TimeField } from './TimeField';

/** Arrival and departure; "Départ" stamps the departure with the current time in one tap. */
export function EvictionTimes({ e, patch, problemOf }: { e: EvictionInput; patch: (p: Partial<EvictionInput>) => void; problemOf: (field: string) => string | null }) {
  const t = useT();
  return (
    <div class="times">
      <TimeField label={t('field.eviction.arrivedAt')} iso={e.arrivedAt} dayIso={e.arrivedAt} onIso={(v) => patch({ arrivedAt: v })} error={problemOf('arrivedAt')} testId="arrived-at" />
      {e.leftAt ? (
        <TimeField label={t('field.eviction.leftAt')} iso={e.leftAt} dayIso={e.arrivedAt} onIso={(v) => patch({ leftAt: v })} error={problemOf('leftAt')} testId="left-at" />
      ) : (
        <div class="field">
          <span class="label-like">{t('field.eviction.leftAt')}</span>
          <Button variant="secondary" onClick={() => patch({ leftAt: new Date().toISOString() })} testId="depart">
            {t('field.eviction.depart')}
          </Button>
        </div>
      )}
    </div>
  );
}
