import { useEffect, useState } from 'preact/hooks';
import { BOUNCE_TYPES } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactListView } from '../contacts/contactsApi';
import { mailingsApi, type BouncePatternView, type BounceView, type RecentDeliveryView, type SuppressionView } from './mailingsApi';
import '../contacts/contacts.css';

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' });

/** The comms lead's view of the mail pipeline: who is never mailed and why, bounces waiting for a person, the bounce patterns. */
export function MailDeskPage() {
  const t = useT();
  return (
    <Screen title={t('mailDesk.title')}>
      <p><a href="/communication/contacts">{t('mailDesk.back')}</a></p>
      <p class="lead">{t('mailDesk.lead')}</p>
      <RecentMail />
      <Suppressions />
      <BounceReview />
      <Patterns />
    </Screen>
  );
}

/** Every mail the pipeline handled lately, one line per recipient with its status. */
function RecentMail() {
  const t = useT();
  const locale = useLocale();
  const [rows, setRows] = useState<RecentDeliveryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () => mailingsApi.recent().then(setRows, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  return (
    <section class="card" aria-labelledby="mail-recent">
      <h2 id="mail-recent">{t('mailDesk.recent.title')}</h2>
      <p class="muted">{t('mailDesk.recent.help')}</p>
      <Button variant="secondary" onClick={() => { void load(); }}>{t('mailDesk.recent.refresh')}</Button>
      <FormError message={error} />
      {rows.length === 0 && <p class="muted">{t('mailDesk.recent.empty')}</p>}
      <ul class="rows" data-testid="recent-mail">
        {rows.map((d) => (
          <li key={d.id} data-status={d.status}>
            <strong>{d.address}</strong> — {t(`mailDesk.recent.purposes.${d.purpose}`)}{d.subject ? ` — ${d.subject}` : ''} —{' '}
            {t(`mailDesk.recent.statuses.${d.status}`)} — {when(d.sentAt ?? d.updatedAt, locale)}
            {d.attempts > 1 && <span class="muted"> ({t('mailDesk.recent.attempts', { n: d.attempts })})</span>}
            {d.lastError && <span class="muted"> — {d.lastError}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Suppressions() {
  const t = useT();
  const locale = useLocale();
  const [rows, setRows] = useState<SuppressionView[]>([]);
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [address, setAddress] = useState('');
  const [listId, setListId] = useState('');
  const [note, setNote] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeNote, setRemoveNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    mailingsApi.suppressions().then(setRows, (e) => setError(errorMessage(e)));
    contactsApi.lists().then(setLists, () => {});
  }, []);

  async function act(work: () => Promise<SuppressionView[]>) {
    setError(null);
    try { setRows(await work()); return true; } catch (err) { setError(errorMessage(err)); return false; }
  }

  return (
    <section class="card" aria-labelledby="mail-suppressions">
      <h2 id="mail-suppressions">{t('mailDesk.suppressions.title')}</h2>
      <p class="muted">{t('mailDesk.suppressions.help')}</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        if (await act(() => mailingsApi.suppress({ address, note, listId: listId || null }))) { setAddress(''); setNote(''); }
      }}>
        <TextField label={t('mailDesk.suppressions.address')} value={address} onValue={setAddress} type="email" required maxLength={320} testId="suppression-address" />
        <SelectField label={t('mailDesk.suppressions.list')} value={listId} onValue={setListId}
          options={[{ value: '', label: t('mailDesk.suppressions.allLists') }, ...lists.map((l) => ({ value: l.id, label: l.name }))]} />
        <TextField label={t('mailDesk.suppressions.note')} value={note} onValue={setNote} required maxLength={500} testId="suppression-note" />
        <Button type="submit" testId="suppression-add">{t('mailDesk.suppressions.add')}</Button>
      </form>
      <FormError message={error} />
      {rows.length === 0 && <p class="muted">{t('mailDesk.suppressions.empty')}</p>}
      <ul class="rows" data-testid="suppression-list">
        {rows.map((s) => (
          <li key={s.id}>
            <strong>{s.address}</strong> — {t(`mailDesk.reasons.${s.reason}`)} — {s.listName ?? t('mailDesk.suppressions.allLists')} — {when(s.createdAt, locale)}
            {s.note && <span class="muted"> ({s.note})</span>}{' '}
            {removing === s.id ? (
              <form onSubmit={async (e) => {
                e.preventDefault();
                if (await act(() => mailingsApi.unsuppress(s.id, removeNote))) { setRemoving(null); setRemoveNote(''); }
              }}>
                <TextField label={t('mailDesk.suppressions.removeNote')} value={removeNote} onValue={setRemoveNote} required maxLength={500} />
                <Button type="submit">{t('mailDesk.suppressions.confirmRemove')}</Button>
              </form>
            ) : (
              <Button variant="link" onClick={() => { setRemoving(s.id); setRemoveNote(''); }}>{t('mailDesk.suppressions.remove')}</Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BounceReview() {
  const t = useT();
  const locale = useLocale();
  const [bounces, setBounces] = useState<BounceView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () => mailingsApi.bounces('review').then(setBounces, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);

  async function resolve(id: string, bounceType: string | null) {
    setError(null);
    try { await mailingsApi.resolveBounce(id, bounceType); await load(); } catch (err) { setError(errorMessage(err)); }
  }

  return (
    <section class="card" aria-labelledby="mail-bounces">
      <h2 id="mail-bounces">{t('mailDesk.bounces.title')}</h2>
      <p class="muted">{t('mailDesk.bounces.help')}</p>
      <FormError message={error} />
      {bounces.length === 0 && <p class="muted">{t('mailDesk.bounces.empty')}</p>}
      <ul class="rows" data-testid="bounce-queue">
        {bounces.map((b) => (
          <li key={b.id}>
            <strong>{b.address}</strong> — {when(b.receivedAt, locale)}{b.subject ? ` — ${b.subject}` : ''}
            <pre class="bounce-excerpt">{b.excerpt.slice(0, 1200)}</pre>
            <div class="contact-actions">
              <Button variant="danger" onClick={() => resolve(b.id, 'invalid')}>{t('mailDesk.bounces.hard')}</Button>
              <Button variant="secondary" onClick={() => resolve(b.id, 'unknown')}>{t('mailDesk.bounces.soft')}</Button>
              <Button variant="link" onClick={() => resolve(b.id, null)}>{t('mailDesk.bounces.ignore')}</Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Draft = { pattern: string; bounceType: string; holdThreshold: string };

function Patterns() {
  const t = useT();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fromViews = (ps: BouncePatternView[]) => setDrafts(ps.map((p) => ({ pattern: p.pattern, bounceType: p.bounceType, holdThreshold: String(p.holdThreshold) })));
  useEffect(() => { mailingsApi.patterns().then(fromViews, (e) => setError(errorMessage(e))); }, []);
  const set = (i: number, patch: Partial<Draft>) => { setSaved(false); setDrafts(drafts.map((d, j) => (i === j ? { ...d, ...patch } : d))); };
  const move = (i: number, by: number) => {
    const next = [...drafts];
    const [d] = next.splice(i, 1);
    next.splice(Math.max(0, Math.min(next.length, i + by)), 0, d!);
    setDrafts(next);
  };

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      fromViews(await mailingsApi.savePatterns(drafts.map((d) => ({
        pattern: d.pattern, bounceType: d.bounceType as BouncePatternView['bounceType'], holdThreshold: Number(d.holdThreshold) || 1,
      }))));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="mail-patterns">
      <h2 id="mail-patterns">{t('mailDesk.patterns.title')}</h2>
      <p class="muted">{t('mailDesk.patterns.help')}</p>
      <form onSubmit={save} data-testid="bounce-patterns">
        {drafts.map((d, i) => (
          <div key={i} class="contacts-filters">
            <TextField label={t('mailDesk.patterns.pattern')} value={d.pattern} onValue={(v) => set(i, { pattern: v })} required maxLength={500} spellcheck={false} />
            <SelectField label={t('mailDesk.patterns.type')} value={d.bounceType} onValue={(v) => set(i, { bounceType: v })}
              options={BOUNCE_TYPES.map((b) => ({ value: b, label: t(`mailDesk.types.${b}`) }))} />
            <TextField label={t('mailDesk.patterns.threshold')} value={d.holdThreshold} onValue={(v) => set(i, { holdThreshold: v })} inputMode="numeric" pattern="[0-9]{1,3}" required />
            <div class="contact-actions">
              <Button variant="link" ariaLabel={t('mailDesk.patterns.up')} onClick={() => move(i, -1)}>↑</Button>
              <Button variant="link" ariaLabel={t('mailDesk.patterns.down')} onClick={() => move(i, 1)}>↓</Button>
              <Button variant="link" onClick={() => { setSaved(false); setDrafts(drafts.filter((_, j) => j !== i)); }}>{t('mailDesk.patterns.remove')}</Button>
            </div>
          </div>
        ))}
        <div class="contact-actions">
          <Button variant="secondary" onClick={() => setDrafts([...drafts, { pattern: '', bounceType: 'unknown', holdThreshold: '3' }])}>{t('mailDesk.patterns.add')}</Button>
          <Button type="submit" testId="bounce-patterns-save">{t('mailDesk.patterns.save')}</Button>
        </div>
        {saved && <p role="status">{t('mailDesk.patterns.saved')}</p>}
        <FormError message={error} />
      </form>
    </section>
  );
}
