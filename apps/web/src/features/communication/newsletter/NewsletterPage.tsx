import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactListView } from '../contacts/contactsApi';
import { newsletterApi, type NewsletterIssueSummaryView, type NewsletterSettingsView } from './newsletterApi';

/** The members' newsletter: its issues, newest first, a form to start one, and the public sign-up settings. */
export function NewsletterPage() {
  const t = useT();
  const { route } = useLocation();
  const [issues, setIssues] = useState<NewsletterIssueSummaryView[] | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { newsletterApi.list().then(setIssues, (e) => setError(errorMessage(e))); }, []);
  async function create(e: Event) {
    e.preventDefault();
    try { route(`/communication/newsletter/${(await newsletterApi.create(title)).id}`); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <Screen title={t('newsletter.title')}>
      <p class="lead">{t('newsletter.lead')}</p>
      <FormError message={error} />
      <form class="card" onSubmit={create}>
        <TextField label={t('newsletter.fields.title')} value={title} onValue={setTitle} required maxLength={300} testId="newsletter-new-title" />
        <Button type="submit" testId="newsletter-create">{t('newsletter.create')}</Button>
      </form>
      <ul class="rows" data-testid="newsletter-list">
        {(issues ?? []).map((r) => (
          <li key={r.id}>
            <a class="row-link" href={`/communication/newsletter/${r.id}`}>
              <strong>{r.title}</strong><span class="chip">{t(`newsletter.status.${r.status}`)}</span>
            </a>
          </li>
        ))}
      </ul>
      <Settings />
    </Screen>
  );
}

/** Opt-in per organisation: a public sign-up page and archive, sign-ups joining one consent list. */
function Settings() {
  const t = useT();
  const [settings, setSettings] = useState<NewsletterSettingsView | null>(null);
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [enabled, setEnabled] = useState(false);
  const [listId, setListId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    newsletterApi.settings().then((s) => { setSettings(s); setEnabled(s.enabled); setListId(s.listId ?? ''); }, (e) => setError(errorMessage(e)));
    contactsApi.lists().then(setLists, () => {});
  }, []);
  async function save(e: Event) {
    e.preventDefault();
    setError(null); setSaved(null);
    try {
      setSettings(await newsletterApi.saveSettings({ enabled, listId: listId || null }));
      setSaved(t('newsletter.settings.saved'));
    } catch (err) { setError(errorMessage(err)); }
  }
  const consentLists = lists.filter((l) => l.legalBasis === 'consent' && l.kind === 'static');
  return (
    <form class="card" onSubmit={save} aria-labelledby="newsletter-settings">
      <h2 id="newsletter-settings">{t('newsletter.settings.title')}</h2>
      <p class="field-hint">{t('newsletter.settings.hint')}</p>
      <FormError message={error} />
      <Checkbox label={t('newsletter.settings.enabled')} checked={enabled} onChecked={setEnabled} />
      <SelectField label={t('newsletter.settings.list')} value={listId} onValue={setListId}
        options={[{ value: '', label: '—' }, ...consentLists.map((l) => ({ value: l.id, label: l.name }))]} />
      <Button type="submit" testId="newsletter-settings-save">{t('newsletter.settings.save')}</Button>
      <StatusMessage message={saved} />
      {settings?.signupUrl && (
        <p>
          <a href={settings.signupUrl} target="_blank" rel="noopener" data-testid="newsletter-signup-link">{t('newsletter.settings.signupPage')}</a>
          {' · '}
          {settings.archiveUrl && <a href={settings.archiveUrl} target="_blank" rel="noopener">{t('newsletter.settings.archive')}</a>}
        </p>
      )}
    </form>
  );
}
