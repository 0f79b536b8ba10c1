import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { CITABLE_METRIC_CODES, PRESS_RELEASE_LANGUAGES, metricLabel, textDirection } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactListView } from '../contacts/contactsApi';
import { MailingProgress } from '../mailings/MailingProgress';
import { ReleaseCoverage } from '../monitoring/ReleaseCoverage';
import { PublishChecklist } from '../publishing/PublishChecklist';
import { pressApi, type PressReleaseView } from './pressReleasesApi';
import { TestimonyQuotes } from './TestimonyQuotes';

/** One press release through its life: write, cite figures, review, approve, send, correct. */
export function PressReleasePage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id!;
  const [release, setRelease] = useState<PressReleaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => { pressApi.get(id).then(setRelease, (e) => setError(errorMessage(e))); }, [id]);
  async function act(work: () => Promise<PressReleaseView>) {
    setError(null);
    try { setRelease(await work()); } catch (err) { setError(errorMessage(err)); }
  }
  if (!release) return <Screen title={t('press.title')}><FormError message={error} /></Screen>;
  const draft = release.status === 'draft';
  return (
    <Screen title={release.title}>
      <p><a href="/communication/press-releases">{t('press.back')}</a> · <span class="chip" data-testid="press-status">{t(`press.status.${release.status}`)}</span></p>
      <FormError message={error} />
      {draft ? <Editor release={release} onSave={(body) => act(() => pressApi.edit(id, body))} /> : <Preview release={release} />}
      <Figures release={release} act={act} />
      <TestimonyQuotes release={release} act={act} />
      <section class="card" aria-labelledby="press-steps">
        <h2 id="press-steps">{t('press.steps.title')}</h2>
        {release.approvedByName && <p>{t('press.steps.approvedBy', { name: release.approvedByName })}</p>}
        <div class="contact-actions">
          {draft && <Button testId="press-submit" onClick={() => act(() => pressApi.post(id, 'submit'))}>{t('press.steps.submit')}</Button>}
          {release.status === 'in_review' && !checking && <Button testId="press-approve" onClick={() => setChecking(true)}>{t('press.steps.approve')}</Button>}
          {(release.status === 'in_review' || release.status === 'approved') && <Button onClick={() => act(() => pressApi.post(id, 'reopen'))}>{t('press.steps.reopen')}</Button>}
        </div>
        {release.status === 'in_review' && checking && (
          <PublishChecklist url={`/api/press-releases/${id}/checklist`} purpose="pressApprove" busy={false} onCancel={() => setChecking(false)}
            onConfirm={() => { setChecking(false); void act(() => pressApi.post(id, 'approve')); }} />
        )}
        {release.status === 'approved' && <Send release={release} act={act} />}
        {release.mailingId && <MailingProgress mailingId={release.mailingId} messageKey="press.send.progress" testId="press-progress" />}
        {release.publicUrl && <p><a href={release.publicUrl} target="_blank" rel="noopener" data-testid="press-public-link">{t('press.steps.public')}</a></p>}
      </section>
      {release.status === 'sent' && <Corrections release={release} act={act} />}
      <ReleaseCoverage releaseId={release.id} />
    </Screen>
  );
}

function Editor({ release, onSave }: { release: PressReleaseView; onSave: (body: Record<string, unknown>) => void }) {
  const t = useT();
  const [title, setTitle] = useState(release.title);
  const [lede, setLede] = useState(release.lede ?? '');
  const [body, setBody] = useState(release.body);
  const [quotes, setQuotes] = useState(release.quotes ?? '');
  const [pressContacts, setPressContacts] = useState(release.pressContacts ?? '');
  const [embargo, setEmbargo] = useState(release.embargoUntil ? release.embargoUntil.slice(0, 16) : '');
  const [language, setLanguage] = useState<PressReleaseView['language']>(release.language);
  // The text is typed in the release's own direction (Arabic and Persian right to left).
  const dir = textDirection(language);
  return (
    <form class="card" onSubmit={(e) => {
      e.preventDefault();
      onSave({ language, title, lede, body, quotes, pressContacts, embargoUntil: embargo ? new Date(embargo).toISOString() : null });
    }}>
      <SelectField label={t('press.fields.language')} value={language} onValue={(v) => setLanguage(v as PressReleaseView['language'])}
        options={PRESS_RELEASE_LANGUAGES.map((l) => ({ value: l, label: t(`press.languages.${l}`) }))} />
      {language !== 'fr' && language !== 'en' && <p class="card-meta">{t('press.fields.languageNote')}</p>}
      <TextField label={t('press.fields.title')} value={title} onValue={setTitle} required maxLength={300} />
      <TextField label={t('press.fields.lede')} value={lede} onValue={setLede} maxLength={2000} />
      <div class="field"><label for="press-body">{t('press.fields.body')}</label>
        <textarea id="press-body" dir={dir} rows={10} value={body} onInput={(e) => setBody(e.currentTarget.value)} data-testid="press-body" /></div>
      <div class="field"><label for="press-quotes">{t('press.fields.quotes')}</label>
        <textarea id="press-quotes" dir={dir} rows={3} value={quotes} onInput={(e) => setQuotes(e.currentTarget.value)} /></div>
      <TextField label={t('press.fields.pressContacts')} value={pressContacts} onValue={setPressContacts} maxLength={2000} />
      <div class="field"><label for="press-embargo">{t('press.fields.embargo')}</label>
        <input id="press-embargo" type="datetime-local" value={embargo} onInput={(e) => setEmbargo(e.currentTarget.value)} /></div>
      <Button type="submit" testId="press-save">{t('press.save')}</Button>
    </form>
  );
}

function Preview({ release }: { release: PressReleaseView }) {
  return (
    <section class="card">
      {release.lede && <p><em>{release.lede}</em></p>}
      {release.body.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}
      {release.quotes && <blockquote>{release.quotes}</blockquote>}
    </section>
  );
}

function Figures({ release, act }: { release: PressReleaseView; act: (w: () => Promise<PressReleaseView>) => void }) {
  const t = useT();
  const locale = useLocale();
  const [areas, setAreas] = useState<Array<{ code: string; name: string }>>([]);
  const [metric, setMetric] = useState('evictions');
  const [areaCode, setAreaCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => { api.get<{ areas: Array<{ code: string; name: string }> }>('/api/bulletins').then((r) => setAreas(r.areas), () => {}); }, []);
  const draft = release.status === 'draft';
  return (
    <section class="card" aria-labelledby="press-figures">
      <h2 id="press-figures">{t('press.figures.title')}</h2>
      <ul data-testid="press-figures">
        {release.figures.map((f) => (
          <li key={f.id}>{f.wording}{draft && <>
            {' '}<Button onClick={() => act(() => pressApi.post(release.id, `figures/${f.id}/refresh`))}>{t('press.figures.refresh')}</Button>
            {' '}<Button onClick={() => act(() => pressApi.removeFigure(release.id, f.id))}>{t('press.figures.remove')}</Button></>}
          </li>
        ))}
      </ul>
      {draft && (
        <form onSubmit={(e) => { e.preventDefault(); act(() => pressApi.post(release.id, 'figures', { metric, from, to, ...(areaCode && { areaCode }) })); }}>
          <SelectField label={t('press.figures.metric')} value={metric} onValue={setMetric} options={CITABLE_METRIC_CODES.map((m) => ({ value: m, label: metricLabel(m, locale) }))} />
          <SelectField label={t('press.figures.area')} value={areaCode} onValue={setAreaCode} options={[{ value: '', label: t('press.figures.allAreas') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]} />
          <div class="field"><label for="fig-from">{t('press.figures.from')}</label><input id="fig-from" type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="figure-from" /></div>
          <div class="field"><label for="fig-to">{t('press.figures.to')}</label><input id="fig-to" type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="figure-to" /></div>
          <Button type="submit" testId="figure-insert">{t('press.figures.insert')}</Button>
        </form>
      )}
    </section>
  );
}

function Send({ release, act }: { release: PressReleaseView; act: (w: () => Promise<PressReleaseView>) => void }) {
  const t = useT();
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [listId, setListId] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { contactsApi.lists().then(setLists, () => {}); }, []);
  const [checking, setChecking] = useState(false);
  // Sending freezes the text: the publish checklist comes first, and the person may send anyway.
  const send = async () => { setBusy(true); await act(() => pressApi.post(release.id, 'send', { listId })); setBusy(false); setChecking(false); };
  return (
    <form onSubmit={(e) => { e.preventDefault(); setChecking(true); }}>
      <SelectField label={t('press.send.list')} value={listId} onValue={setListId}
        options={[{ value: '', label: '—' }, ...lists.map((l) => ({ value: l.id, label: `${l.name} (${t('press.send.reachable', { count: l.mailable })})` }))]} />
      {!checking && <Button type="submit" busy={busy} disabled={!listId} testId="press-send">{t('press.send.submit')}</Button>}
      {checking && <PublishChecklist url={`/api/press-releases/${release.id}/checklist`} purpose="pressSend" busy={busy} onConfirm={() => void send()} onCancel={() => setChecking(false)} />}
    </form>
  );
}


function Corrections({ release, act }: { release: PressReleaseView; act: (w: () => Promise<PressReleaseView>) => void }) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState('');
  return (
    <section class="card" aria-labelledby="press-corrections">
      <h2 id="press-corrections">{t('press.corrections.title')}</h2>
      <ul>{release.corrections.map((c) => <li key={c.id}>{new Date(c.createdAt).toLocaleDateString(locale)} — {c.text}</li>)}</ul>
      <form onSubmit={(e) => { e.preventDefault(); act(() => pressApi.post(release.id, 'corrections', { text })); setText(''); }}>
        <TextField label={t('press.corrections.text')} value={text} onValue={setText} required maxLength={5000} />
        <Button type="submit">{t('press.corrections.add')}</Button>
      </form>
    </section>
  );
}
