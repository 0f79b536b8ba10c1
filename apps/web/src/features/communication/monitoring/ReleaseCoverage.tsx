import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { ClippingRow } from './ClippingRow';
import { monitoringApi, type ClippingView } from './monitoringApi';

/** A press release's coverage: the clippings the desk linked to it. */
export function ReleaseCoverage({ releaseId }: { releaseId: string }) {
  const t = useT();
  const [clippings, setClippings] = useState<ClippingView[] | null>(null);
  useEffect(() => { monitoringApi.clippings({ pressReleaseId: releaseId }).then(setClippings, () => setClippings([])); }, [releaseId]);
  return (
    <section class="card" aria-labelledby="release-coverage" data-testid="release-coverage">
      <h2 id="release-coverage">{t('monitoring.coverage.title')}</h2>
      {clippings && clippings.length === 0 && <p class="muted">{t('monitoring.coverage.none')}</p>}
      {(clippings ?? []).map((c) => <ClippingRow key={c.id} clipping={c} editable={false} />)}
    </section>
  );
}
