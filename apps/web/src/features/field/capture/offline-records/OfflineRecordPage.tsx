import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { useT } from '../../../../i18n';
import type { FieldUser } from '../../../../offline/store';

type Screens = typeof import('./screens');
let loaded: Screens | null = null;

/**
 * The round and testimony screens, in a chunk of their own: an eviction at 5:30 am does not load
 * the consent texts and the round form. The service worker caches the chunk with the app, so it
 * opens offline too.
 */
export function OfflineRecordPage({ kind, me }: { kind: 'round' | 'testimony'; me: FieldUser }) {
  const t = useT();
  const [screens, setScreens] = useState<Screens | null>(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (screens) return;
    import('./screens').then((m) => { loaded = m; setScreens(m); }, () => setFailed(true));
  }, []);
  if (failed) return <p class="notice">{t('app.offline')}</p>;
  if (!screens) return <p class="muted" aria-busy="true">…</p>;
  const Page: FunctionComponent<{ me: FieldUser }> = kind === 'round' ? screens.RoundCapturePage : screens.TestimonyCapturePage;
  return <Page me={me} />;
}
