import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { APPLICATION_STAGES } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { applicationsApi, type ApplicationStage, type ApplicationView, type ReplyTemplateView } from './applicationsApi';
import { ReplyForm } from './ReplyForm';
import { ReplyTemplates } from './ReplyTemplates';

/** A posting's applications: search in CVs and letters, read the files, move each along the pipeline, note, rate and reply. */
export function ApplicationsPage() {
  const t = useT();
  const { params } = useRoute();
  const postingId = params.id!;
  const [search, setSearch] = useState('');
  const [list, setList] = useState<ApplicationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<ReplyTemplateView[]>([]);

  const load = (q = search) => applicationsApi.list(postingId, q.trim()).then(setList).catch((e: unknown) => setError(errorMessage(e)));
  const loadTemplates = () => applicationsApi.templates().then(setTemplates).catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => { void load(''); void loadTemplates(); }, [postingId]);

  async function change(id: string, body: Parameters<typeof applicationsApi.change>[1]) {
    setError(null);
    try {
      const updated = await applicationsApi.change(id, body);
      setList((l) => l?.map((a) => (a.id === id ? updated : a)) ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Screen title={t('association.applications.title')}>
      <p><a href={`/association/postings/${postingId}`}>{t('association.applications.back')}</a></p>
      <form onSubmit={(e) => { e.preventDefault(); void load(); }} class="inline-form">
        <TextField label={t('association.applications.search')} value={search} onValue={setSearch} />
        <Button type="submit" variant="secondary">{t('association.applications.searchButton')}</Button>
      </form>
      <FormError message={error} />
      <ReplyTemplates templates={templates} onSaved={loadTemplates} />
      {list?.length === 0 && <p>{t('association.applications.empty')}</p>}
      <ul class="cards">
        {list?.map((a) => <ApplicationCard key={a.id} a={a} onChange={(body) => change(a.id, body)} reply={<ReplyForm applicationId={a.id} templates={templates} onSent={() => load()} />} />)}
      </ul>
    </Screen>
  );
}

function ApplicationCard({ a, onChange, reply }: {
  a: ApplicationView; onChange: (body: { stage: ApplicationStage } | { note: string } | { rating: number }) => Promise<void>; reply: ComponentChildren;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const stages = APPLICATION_STAGES.map((s) => ({ value: s, label: t(`association.applications.stage.${s}`) }));
  return (
    <li class="card" data-testid="application">
      <h2>{a.name}</h2>
      <p class="card-meta">{a.email} · {t(`association.applications.stage.${a.stage}`)}{a.submissions > 1 ? ` · ${t('association.applications.submissions', { n: a.submissions })}` : ''}
        {a.averageRating !== null ? ` · ★ ${a.averageRating}` : ''}</p>
      {a.message && <p class="preserve-lines">{a.message}</p>}
      <ul>
        {a.files.map((f) => (
          <li key={f.id}>{t(`association.applications.kind.${f.kind}`)} : <a href={applicationsApi.fileUrl(f.id)} download>{f.originalName}</a> ({f.detectedType.toUpperCase()}) — {t(`association.applications.extraction.${f.extractionStatus}`)}</li>
        ))}
      </ul>
      <SelectField label={t('association.applications.stageLabel', { name: a.name })} value={a.stage} options={stages} onValue={(v) => void onChange({ stage: v as ApplicationStage })} />
      <SelectField label={t('association.applications.ratingLabel')} value="" onValue={(v) => v && void onChange({ rating: Number(v) })}
        options={[{ value: '', label: '—' }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: '★'.repeat(n) }))]} />
      {a.notes.map((n) => <p key={n.id} class="card-meta" style={{ whiteSpace: 'pre-line' }}><strong>{n.author}</strong> : {n.body}</p>)}
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); if (note.trim()) void onChange({ note }).then(() => setNote('')); }}>
        <TextField label={t('association.applications.note')} value={note} onValue={setNote} maxLength={5000} />
        <Button type="submit" variant="secondary">{t('association.applications.addNote')}</Button>
      </form>
      {reply}
    </li>
  );
}
