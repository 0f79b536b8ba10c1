import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { CONSENT_METHODS, CONSENT_STATUSES, INTERACTION_KINDS } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { saveFile } from '../../legal/saveBundleFile';
import { ContactEdit, ContactMerge } from './ContactEdit';
import { contactsApi, type ContactListView, type ContactView } from './contactsApi';
import './contacts.css';

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' });

/** One contact: channels, lists and the consent ledger, do-not-contact, timeline, export and erasure. */
export function ContactPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id!;
  const [contact, setContact] = useState<ContactView | null>(null);
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    contactsApi.get(id).then(setContact, (e) => setError(errorMessage(e)));
    contactsApi.lists().then(setLists, () => {});
  }, [id]);

  async function act(work: () => Promise<ContactView>) {
    setError(null);
    try { setContact(await work()); } catch (err) { setError(errorMessage(err)); }
  }

  if (!contact) return <Screen title={t('contacts.title')}><FormError message={error} /></Screen>;
  return (
    <Screen title={contact.displayName}>
      <p><a href="/communication/contacts">{t('contacts.back')}</a></p>
      <FormError message={error} />
      <section class="card" data-testid="contact-card">
        {editing ? (
          <ContactEdit contact={contact} onSaved={(c) => { setContact(c); setEditing(false); }} onCancel={() => setEditing(false)} />
        ) : (
          <>
            <p>{[contact.jobTitle, contact.employerName, contact.beat].filter(Boolean).join(' · ')}</p>
            <ul>{contact.channels.map((c) => <li key={c.id}>{t(`contacts.channels.${c.kind}`)} : {c.value}{c.label ? ` (${c.label})` : ''}</li>)}</ul>
            <p>{contact.roles.map((r) => <span key={r} class="chip">{t(`contacts.roles.${r}`)}</span>)} {contact.tags.map((g) => <span key={g} class="chip">#{g}</span>)}</p>
            {contact.languages.length > 0 && <p>{t('contacts.fields.languages')} : {contact.languages.join(', ')}</p>}
            {contact.notes && <p class="contact-notes">{contact.notes}</p>}
            {contact.source && <p class="muted">{t('contacts.fields.source')} : {contact.source}</p>}
            <Button variant="secondary" onClick={() => setEditing(true)} testId="contact-edit-open">{t('contacts.edit.open')}</Button>
          </>
        )}
      </section>
      <ListsAndConsent contact={contact} lists={lists} onChange={act} />
      <DoNotContact contact={contact} onChange={act} />
      <section class="card" aria-labelledby="contact-timeline">
        <h2 id="contact-timeline">{t('contacts.timeline.title')}</h2>
        <Interaction onAdd={(body) => act(() => contactsApi.interaction(id, body))} />
        <ul class="rows">
          {contact.timeline.map((i) => <li key={i.id}>{when(i.occurredAt, locale)} — {t(`contacts.interactions.${i.kind}`)} : {i.summary}</li>)}
        </ul>
      </section>
      <ContactMerge contact={contact} onMerged={setContact} />
      <section class="card" aria-labelledby="contact-rights">
        <h2 id="contact-rights">{t('contacts.rights.title')}</h2>
        <p class="muted">{t('contacts.rights.text')}</p>
        <div class="contact-actions">
          <Button testId="contact-export" onClick={async () => {
            try {
              const { blob, fileName } = await contactsApi.exportFile(id);
              saveFile(blob, fileName ?? `contact-${id}.json`);
            } catch (err) { setError(errorMessage(err)); }
          }}>{t('contacts.rights.export')}</Button>
          <Button testId="contact-erase" onClick={async () => {
            if (!confirm(t('contacts.rights.confirmErase', { name: contact.displayName }))) return;
            try { await contactsApi.erase(id); route('/communication/contacts'); } catch (err) { setError(errorMessage(err)); }
          }}>{t('contacts.rights.erase')}</Button>
        </div>
      </section>
    </Screen>
  );
}

function ListsAndConsent({ contact, lists, onChange }: { contact: ContactView; lists: ContactListView[]; onChange: (w: () => Promise<ContactView>) => void }) {
  const t = useT();
  const locale = useLocale();
  const [listId, setListId] = useState('');
  const [status, setStatus] = useState<string>('granted');
  const [method, setMethod] = useState<string>('paper');
  const [formVersion, setFormVersion] = useState('');
  const [formText, setFormText] = useState('');
  const staticLists = lists.filter((l) => l.kind === 'static' && !contact.lists.some((m) => m.id === l.id));
  const [addTo, setAddTo] = useState('');
  return (
    <section class="card" aria-labelledby="contact-consent">
      <h2 id="contact-consent">{t('contacts.consent.title')}</h2>
      <table class="contacts-table">
        <thead><tr><th>{t('contacts.lists.name')}</th><th>{t('contacts.lists.basis')}</th><th>{t('contacts.consent.status')}</th><th>{t('contacts.consent.mayMail')}</th></tr></thead>
        <tbody>
          {contact.lists.map((l) => (
            <tr key={l.id} data-testid="contact-list-row">
              <td>{l.name}</td><td>{t(`contacts.bases.${l.legalBasis}`)}</td>
              <td>{l.status ? t(`contacts.consent.statuses.${l.status}`) : '—'}</td><td>{l.mayMail ? t('contacts.yes') : t('contacts.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {staticLists.length > 0 && (
        <div class="contact-actions">
          <SelectField label={t('contacts.consent.addToList')} value={addTo} onValue={setAddTo}
            options={[{ value: '', label: '—' }, ...staticLists.map((l) => ({ value: l.id, label: l.name }))]} />
          <Button disabled={!addTo} testId="contact-add-to-list" onClick={() => onChange(async () => {
            await contactsApi.addMember(addTo, contact.id);
            setAddTo('');
            return contactsApi.get(contact.id);
          })}>{t('contacts.consent.add')}</Button>
        </div>
      )}
      <form onSubmit={(e) => { e.preventDefault(); onChange(() => contactsApi.consent(contact.id, { listId: listId || null, status, method, formVersion, formText })); }}>
        <h3>{t('contacts.consent.record')}</h3>
        <SelectField label={t('contacts.consent.list')} value={listId} onValue={setListId}
          options={[{ value: '', label: t('contacts.consent.allLists') }, ...lists.map((l) => ({ value: l.id, label: l.name }))]} />
        <SelectField label={t('contacts.consent.status')} value={status} onValue={setStatus} options={CONSENT_STATUSES.map((s) => ({ value: s, label: t(`contacts.consent.statuses.${s}`) }))} />
        <SelectField label={t('contacts.consent.method')} value={method} onValue={setMethod} options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`contacts.consent.methods.${m}`) }))} />
        <TextField label={t('contacts.consent.formVersion')} value={formVersion} onValue={setFormVersion} maxLength={100} />
        <TextField label={t('contacts.consent.formText')} value={formText} onValue={setFormText} maxLength={5000} />
        <Button type="submit" testId="consent-record">{t('contacts.consent.submit')}</Button>
      </form>
      <h3>{t('contacts.consent.history')}</h3>
      <ul class="rows" data-testid="consent-history">
        {contact.consents.map((e) => (
          <li key={e.id}>
            {when(e.at, locale)} — {e.listName ?? t('contacts.consent.allLists')} — <strong>{t(`contacts.consent.statuses.${e.status}`)}</strong>
            {' '}({t(`contacts.consent.methods.${e.method}`)}{e.formVersion ? `, ${e.formVersion}` : ''}{e.recordedByName ? `, ${e.recordedByName}` : ''})
            {e.formText && <blockquote>{e.formText}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DoNotContact({ contact, onChange }: { contact: ContactView; onChange: (w: () => Promise<ContactView>) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [channel, setChannel] = useState('any');
  return (
    <section class="card" aria-labelledby="contact-dnc">
      <h2 id="contact-dnc">{t('contacts.doNotContact.title')}</h2>
      <ul>
        {contact.doNotContactFlags.map((f) => (
          <li key={f.channel}>
            {t(`contacts.channels.${f.channel as "email"}`)} : {f.reason}{' '}
            <Button onClick={() => onChange(() => contactsApi.doNotContact(contact.id, { channel: f.channel, reason: null }))}>{t('contacts.doNotContact.clear')}</Button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); onChange(() => contactsApi.doNotContact(contact.id, { channel, reason })); setReason(''); }}>
        <SelectField label={t('contacts.doNotContact.channel')} value={channel} onValue={setChannel}
          options={['any', 'email', 'phone', 'social'].map((c) => ({ value: c, label: t(`contacts.channels.${c as "email"}`) }))} />
        <TextField label={t('contacts.doNotContact.reason')} value={reason} onValue={setReason} required maxLength={500} />
        <Button type="submit">{t('contacts.doNotContact.set')}</Button>
      </form>
    </section>
  );
}

function Interaction({ onAdd }: { onAdd: (body: Record<string, unknown>) => void }) {
  const t = useT();
  const [kind, setKind] = useState<string>('note');
  const [summary, setSummary] = useState('');
  return (
    <form onSubmit={(e) => { e.preventDefault(); onAdd({ kind, summary }); setSummary(''); }}>
      <SelectField label={t('contacts.timeline.kind')} value={kind} onValue={setKind} options={INTERACTION_KINDS.map((k) => ({ value: k, label: t(`contacts.interactions.${k}`) }))} />
      <TextField label={t('contacts.timeline.summary')} value={summary} onValue={setSummary} required maxLength={2000} />
      <Button type="submit">{t('contacts.timeline.add')}</Button>
    </form>
  );
}
