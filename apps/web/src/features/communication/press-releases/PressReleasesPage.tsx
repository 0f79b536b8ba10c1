import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { pressApi, type PressReleaseSummaryView } from './pressReleasesApi';

/** The press releases of the organisation, newest first, and a form to start one. */
export function PressReleasesPage() {
  const t = useT();
  const { route } = useLocation();
  const [releases, setReleases] = useState<PressReleaseSummaryView[] | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { pressApi.list().then(setReleases, (e) => setError(errorMessage(e))); }, []);
  async function create(e: Event) {
    e.preventDefault();
    try { route(`/communication/press-releases/${(await pressApi.create({ title })).id}`); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <Screen title={t('press.title')}>
      <p class="lead">{t('press.lead')}</p>
      <FormError message={error} />
      <form class="card" onSubmit={create}>
        <TextField label={t('press.fields.title')} value={title} onValue={setTitle} required maxLength={300} testId="press-new-title" />
        <Button type="submit" testId="press-create">{t('press.create')}</Button>
      </form>
      <ul class="rows" data-testid="press-list">
        {(releases ?? []).map((r) => (
          <li key={r.id}>
            <a class="row-link" href={`/communication/press-releases/${r.id}`}>
              <strong>{r.title}</strong><span class="chip">{t(`press.status.${r.status}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
