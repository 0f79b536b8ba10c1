import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CONTACT_KINDS, CONTACT_ROLES, LEGAL_BASES } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { saveFile } from '../../legal/saveBundleFile';
import { ContactImport } from './ContactImport';
import { contactsApi, type ContactListView, type ContactSummaryView } from './contactsApi';
import './contacts.css';

/** The contacts registry: search and filters, a new contact, and the lists with who may be mailed. */
export function ContactsPage() {
  const t = useT();
  const { route } = useLocation();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [listId, setListId] = useState('');
  const [contacts, setContacts] = useState<ContactSummaryView[] | null>(null);
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const [searched, setSearched] = useState(0);
  const query = new URLSearchParams({ ...(q && { q }), ...(role && { role }), ...(listId && { listId }) }).toString();
  useEffect(() => {
    const timer = setTimeout(() => contactsApi.search(query).then(setContacts, (e) => setError(errorMessage(e))), 200);
    return () => clearTimeout(timer);
  }, [query, searched]);

  async function exportCsv() {
    setError(null);
    try {
      const { blob, fileName } = await contactsApi.exportCsv(query);
      saveFile(blob, fileName ?? 'contacts.csv');
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  useEffect(() => { contactsApi.lists().then(setLists, (e) => setError(errorMessage(e))); }, []);

  return (
    <Screen title={t('contacts.title')}>
      <p class="lead">{t('contacts.lead')}</p>
      <p><a href="/communication/mail" data-testid="mail-desk-link">{t('contacts.mailDesk.link')}</a></p>
      <FormError message={error} />
      <section class="card" aria-labelledby="contacts-search">
        <h2 id="contacts-search">{t('contacts.search.title')}</h2>
        <div class="contacts-filters">
          <TextField label={t('contacts.search.q')} value={q} onValue={setQ} testId="contacts-q" />
          <SelectField label={t('contacts.search.role')} value={role} onValue={setRole}
            options={[{ value: '', label: t('contacts.search.any') }, ...CONTACT_ROLES.map((r) => ({ value: r, label: t(`contacts.roles.${r}`) }))]} />
          <SelectField label={t('contacts.search.list')} value={listId} onValue={setListId}
            options={[{ value: '', label: t('contacts.search.any') }, ...lists.filter((l) => l.kind === 'static').map((l) => ({ value: l.id, label: l.name }))]} />
        </div>
        <Button variant="secondary" onClick={exportCsv} testId="contacts-export">{t('contacts.export.button')}</Button>
        {contacts && contacts.length === 0 && <p class="muted">{t('contacts.search.empty')}</p>}
        <ul class="rows" data-testid="contact-list">
          {(contacts ?? []).map((c) => (
            <li key={c.id}>
              <a href={`/communication/contacts/${c.id}`} class="row-link" data-testid="contact-row">
                <strong>{c.displayName}</strong>
                <span>{[c.jobTitle, c.employerName].filter(Boolean).join(' · ')}</span>
                <span class="muted">{c.email ?? ''}</span>
                {c.roles.map((r) => <span key={r} class="chip">{t(`contacts.roles.${r}`)}</span>)}
                {c.doNotContact && <span class="chip chip-rejected">{t('contacts.doNotContact.short')}</span>}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <NewContact onCreated={(id) => route(`/communication/contacts/${id}`)} />
      <ContactImport lists={lists} onImported={() => { setSearched((n) => n + 1); contactsApi.lists().then(setLists, () => {}); }} />
      <Lists lists={lists} onChanged={() => contactsApi.lists().then(setLists)} />
    </Screen>
  );
}

function NewContact({ onCreated }: { onCreated: (id: string) => void }) {
  const t = useT();
  const [kind, setKind] = useState<string>('person');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [beat, setBeat] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const contact = await contactsApi.create({
        kind, displayName, jobTitle, beat, roles: role ? [role] : [], tags: tags.split(',').map((s) => s.trim()).filter(Boolean),
        channels: [...(email ? [{ kind: 'email', value: email }] : []), ...(phone ? [{ kind: 'phone', value: phone }] : [])],
      });
      onCreated(contact.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="contact-new">
      <h2 id="contact-new">{t('contacts.create.title')}</h2>
      <form onSubmit={submit}>
        <SelectField label={t('contacts.fields.kind')} value={kind} onValue={setKind} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contacts.kinds.${k}`) }))} />
        <TextField label={t('contacts.fields.displayName')} value={displayName} onValue={setDisplayName} required maxLength={200} testId="contact-name" />
        <TextField label={t('contacts.fields.email')} value={email} onValue={setEmail} type="email" testId="contact-email" />
        <TextField label={t('contacts.fields.phone')} value={phone} onValue={setPhone} />
        <SelectField label={t('contacts.fields.role')} value={role} onValue={setRole}
          options={[{ value: '', label: '—' }, ...CONTACT_ROLES.map((r) => ({ value: r, label: t(`contacts.roles.${r}`) }))]} />
        <TextField label={t('contacts.fields.jobTitle')} value={jobTitle} onValue={setJobTitle} />
        <TextField label={t('contacts.fields.beat')} value={beat} onValue={setBeat} />
        <TextField label={t('contacts.fields.tags')} value={tags} onValue={setTags} hint={t('contacts.fields.tagsHint')} />
        <FormError message={error} />
        <Button type="submit" busy={busy} testId="contact-create">{t('contacts.create.submit')}</Button>
      </form>
    </section>
  );
}

function Lists({ lists, onChanged }: { lists: ContactListView[]; onChanged: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('static');
  const [legalBasis, setLegalBasis] = useState<string>('consent');
  const [role, setRole] = useState('journalist');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await contactsApi.createList({ name, kind, legalBasis, ...(kind === 'saved_filter' && { filter: { role } }) });
      setName('');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="contact-lists">
      <h2 id="contact-lists">{t('contacts.lists.title')}</h2>
      <table class="contacts-table" data-testid="contact-lists">
        <thead><tr><th>{t('contacts.lists.name')}</th><th>{t('contacts.lists.basis')}</th><th>{t('contacts.lists.members')}</th><th>{t('contacts.lists.mailable')}</th></tr></thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.id}>
              <td>{l.name}{l.kind === 'saved_filter' && <span class="muted"> ({t('contacts.lists.savedFilter')})</span>}</td>
              <td>{t(`contacts.bases.${l.legalBasis}`)}</td><td>{l.members}</td><td>{l.mailable}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit}>
        <TextField label={t('contacts.lists.name')} value={name} onValue={setName} required maxLength={200} testId="list-name" />
        <SelectField label={t('contacts.lists.kind')} value={kind} onValue={setKind}
          options={[{ value: 'static', label: t('contacts.lists.static') }, { value: 'saved_filter', label: t('contacts.lists.savedFilter') }]} />
        {kind === 'saved_filter' && (
          <SelectField label={t('contacts.search.role')} value={role} onValue={setRole} options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contacts.roles.${r}`) }))} />
        )}
        <SelectField label={t('contacts.lists.basis')} value={legalBasis} onValue={setLegalBasis}
          options={LEGAL_BASES.map((b) => ({ value: b, label: t(`contacts.bases.${b}`) }))} hint={t('contacts.lists.basisHint')} />
        <FormError message={error} />
        <Button type="submit" testId="list-create">{t('contacts.lists.create')}</Button>
      </form>
    </section>
  );
}
