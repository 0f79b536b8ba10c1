import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage, fieldErrorsOf, focusFirstInvalid } from '../../../api/client';
import { useT } from '../../../i18n';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { PublicSitePages } from '../public-site/PublicSitePages';
import { PublicPageEmbed } from './PublicPageEmbed';

interface Settings { enabled: boolean; slug: string | null; threshold: number }

/**
 * Whether the observatory publishes its aggregated figures (off until an administrator opts in),
 * under which public address, and below which count a figure shows as "< N". Once enabled, the
 * page and its iframe snippet are given here for the association's website.
 */
export function PublicStatisticsSettingsPage() {
  const t = useT();
  const user = useUser();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [slug, setSlug] = useState('');
  const [threshold, setThreshold] = useState('5');
  const [enabled, setEnabled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: Settings) => {
    setSettings(s);
    setEnabled(s.enabled);
    setSlug(s.slug ?? '');
    setThreshold(String(s.threshold));
  };
  useEffect(() => {
    api.get<Settings>('/api/statistics/public-settings').then(show, (e) => setError(errorMessage(e)));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    setStatus(null);
    setBusy(true);
    try {
      show(await api.put<Settings>('/api/statistics/public-settings', {
        enabled, slug: slug.trim() === '' ? null : slug.trim(), threshold: Number(threshold),
      }));
      setStatus(t('publicStats.saved'));
    } catch (err) {
      const fields = fieldErrorsOf(err);
      // The address's rule in words beside it, never "slug : format invalide".
      if (fields.slug) fields.slug = t('office.fieldIssue.slugFormat');
      setFieldErrors(fields);
      setError(errorMessage(err));
      if (Object.keys(fields).length > 0) focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  const base = `${location.origin}/api/public/${settings?.slug ?? ''}`;
  return (
    <Screen title={t('publicStats.title')}>
      {hasPermission(user, 'organisation.manage') && <AdminTabs />}
      <p class="lead">{t('publicStats.lead')}</p>
      {settings && (
        <form onSubmit={save} class="card">
          <Checkbox label={t('publicStats.enabled')} checked={enabled} onChecked={setEnabled} />
          <TextField label={t('publicStats.slug')} value={slug} onValue={setSlug} hint={t('publicStats.slugHint')}
            error={fieldErrors.slug} maxLength={60} spellcheck={false} testId="public-slug" />
          <TextField label={t('publicStats.threshold')} value={threshold} onValue={setThreshold} inputMode="numeric"
            hint={t('publicStats.thresholdHint')} error={fieldErrors.threshold} />
          <FormError message={error} />
          <Button type="submit" busy={busy}>{t('publicStats.save')}</Button>
          <StatusMessage message={status} />
        </form>
      )}
      {settings?.enabled && settings.slug && (
        <section class="card" aria-labelledby="public-links">
          <h2 id="public-links">{t('publicStats.links')}</h2>
          <ul>
            <li><a href={`${base}/statistics.html`} target="_blank" rel="noopener">{t('publicStats.page')}</a></li>
            <li><a href={`${base}/statistics.json`}>JSON</a> · <a href={`${base}/statistics.csv`}>CSV</a></li>
          </ul>
        </section>
      )}
      {settings?.enabled && settings.slug && <PublicPageEmbed base={base} title={t('publicStats.title')} />}
      {settings?.slug && <PublicSitePages slug={settings.slug} />}
    </Screen>
  );
}
