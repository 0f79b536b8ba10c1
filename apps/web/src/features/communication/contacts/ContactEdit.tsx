import { useEffect, useId, useState } from 'preact/hooks';
import { CHANNEL_KINDS, CONTACT_KINDS, CONTACT_ROLES, ORGANISATION_TYPES } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactSummaryView, type ContactView } from './contactsApi';
import { EmployerPicker } from './EmployerPicker';

type Channel = { kind: string; value: string; label: string };
const words = (s: string) => s.split(',').map((w) => w.trim()).filter(Boolean);

/** Every field of a contact, edited in one form and saved at once (the server checks channels for duplicates). */
export function ContactEdit({ contact, onSaved, onCancel }: { contact: ContactView; onSaved: (c: ContactView) => void; onCancel: () => void }) {
  const t = useT();
  const notesId = useId();
  const [kind, setKind] = useState<string>(contact.kind);
  const [displayName, setDisplayName] = useState(contact.displayName);
  const [employerId, setEmployerId] = useState(contact.employerId ?? '');
  const [organisationType, setOrganisationType] = useState(contact.organisationType ?? '');
  const [jobTitle, setJobTitle] = useState(contact.jobTitle ?? '');
  const [beat, setBeat] = useState(contact.beat ?? '');
  const [languages, setLanguages] = useState(contact.languages.join(', '));
  const [roles, setRoles] = useState<string[]>(contact.roles);
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [notes, setNotes] = useState(contact.notes ?? '');
  const [source, setSource] = useState(contact.source ?? '');
  const [channels, setChannels] = useState<Channel[]>(contact.channels.map((c) => ({ kind: c.kind, value: c.value, label: c.label ?? '' })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setChannel = (i: number, patch: Partial<Channel>) => setChannels(channels.map((c, j) => (i === j ? { ...c, ...patch } : c)));

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await contactsApi.update(contact.id, {
        kind, displayName, jobTitle, beat, notes, source,
        employerId: kind === 'person' && employerId ? employerId : null,
        organisationType: kind === 'organisation' && organisationType ? organisationType : null,
        languages: words(languages).map((l) => l.toLowerCase()), roles, tags: words(tags),
        channels: channels.filter((c) => c.value.trim()).map((c) => ({ kind: c.kind, value: c.value, label: c.label })),
      }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid="contact-edit">
      <SelectField label={t('contacts.fields.kind')} value={kind} onValue={setKind} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contacts.kinds.${k}`) }))} />
      <TextField label={t('contacts.fields.displayName')} value={displayName} onValue={setDisplayName} required maxLength={200} testId="contact-edit-name" />
      {kind === 'person' ? (
        <EmployerPicker value={employerId} initialName={contact.employerName} exceptId={contact.id} onValue={setEmployerId} />
      ) : (
        <SelectField label={t('contacts.fields.organisationType')} value={organisationType} onValue={setOrganisationType}
          options={[{ value: '', label: '—' }, ...ORGANISATION_TYPES.map((o) => ({ value: o, label: t(`contacts.organisationTypes.${o}`) }))]} />
      )}
      <TextField label={t('contacts.fields.jobTitle')} value={jobTitle} onValue={setJobTitle} maxLength={200} />
      <TextField label={t('contacts.fields.beat')} value={beat} onValue={setBeat} maxLength={200} />
      <TextField label={t('contacts.fields.languages')} value={languages} onValue={setLanguages} hint={t('contacts.fields.languagesHint')} />
      <fieldset>
        <legend>{t('contacts.fields.roles')}</legend>
        {CONTACT_ROLES.map((r) => (
          <Checkbox key={r} label={t(`contacts.roles.${r}`)} checked={roles.includes(r)}
            onChecked={(on) => setRoles(on ? [...roles, r] : roles.filter((x) => x !== r))} />
        ))}
      </fieldset>
      <TextField label={t('contacts.fields.tags')} value={tags} onValue={setTags} hint={t('contacts.fields.tagsHint')} />
      <fieldset>
        <legend>{t('contacts.fields.channels')}</legend>
        {channels.map((c, i) => (
          <div key={i} class="contacts-filters">
            <SelectField label={t('contacts.fields.channelKind')} value={c.kind} onValue={(v) => setChannel(i, { kind: v })}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`contacts.channels.${k}`) }))} />
            <TextField label={t('contacts.fields.channelValue')} value={c.value} onValue={(v) => setChannel(i, { value: v })} maxLength={320} />
            <TextField label={t('contacts.fields.channelLabel')} value={c.label} onValue={(v) => setChannel(i, { label: v })} maxLength={100} />
            <Button variant="link" onClick={() => setChannels(channels.filter((_, j) => j !== i))}>{t('contacts.edit.removeChannel')}</Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => setChannels([...channels, { kind: 'email', value: '', label: '' }])}>{t('contacts.edit.addChannel')}</Button>
      </fieldset>
      <div class="field">
        <label for={notesId}>{t('contacts.fields.notes')}</label>
        <textarea id={notesId} rows={4} maxLength={10000} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </div>
      <TextField label={t('contacts.fields.source')} value={source} onValue={setSource} maxLength={500} />
      <FormError message={error} />
      <div class="contact-actions">
        <Button type="submit" busy={busy} testId="contact-edit-save">{t('contacts.edit.save')}</Button>
        <Button variant="secondary" onClick={onCancel}>{t('contacts.edit.cancel')}</Button>
      </div>
    </form>
  );
}

/** Two records of the same person: find the duplicate, merge it into this one (its history comes along). */
export function ContactMerge({ contact, onMerged }: { contact: ContactView; onMerged: (c: ContactView) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ContactSummaryView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (q.trim().length < 2) { setFound([]); return; }
    const timer = setTimeout(() => contactsApi.search(new URLSearchParams({ q, kind: contact.kind }).toString())
      .then((cs) => setFound(cs.filter((c) => c.id !== contact.id).slice(0, 10)), () => setFound([])), 200);
    return () => clearTimeout(timer);
  }, [q, contact.id, contact.kind]);

  async function merge(dup: ContactSummaryView) {
    if (!confirm(t('contacts.merge.confirm', { duplicate: dup.displayName, kept: contact.displayName }))) return;
    setError(null);
    try {
      onMerged(await contactsApi.merge(contact.id, dup.id));
      setQ('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="contact-merge">
      <h2 id="contact-merge">{t('contacts.merge.title')}</h2>
      <p class="muted">{t('contacts.merge.help', { name: contact.displayName })}</p>
      <TextField label={t('contacts.merge.search')} value={q} onValue={setQ} testId="contact-merge-q" />
      <ul class="rows">
        {found.map((c) => (
          <li key={c.id}>
            <strong>{c.displayName}</strong> <span class="muted">{c.email ?? ''}</span>{' '}
            <Button variant="secondary" onClick={() => merge(c)} testId="contact-merge-pick">{t('contacts.merge.action')}</Button>
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </section>
  );
}
