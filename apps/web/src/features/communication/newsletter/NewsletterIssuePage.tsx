import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { CITABLE_METRIC_CODES, NEWSLETTER_BLOCK_KINDS, blockInputOf, isRightToLeft, metricLabel, type NewsletterBlockKind } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi, type ContactListView } from '../contacts/contactsApi';
import { MailingProgress } from '../mailings/MailingProgress';
import { NewsletterPreview } from './NewsletterPreview';
import { newsletterApi, type NewsletterBlockInput, type NewsletterIssueView, type NewsletterPhotoView, type QuotableTestimony } from './newsletterApi';
import './newsletter.css';

function emptyBlock(kind: NewsletterBlockKind): NewsletterBlockInput {
  switch (kind) {
    case 'text': return { kind, text: '' };
    case 'figure': return { kind, metric: 'evictions', from: '', to: '' };
    case 'bulletin': return { kind };
    case 'photo': return { kind, evidenceId: '', caption: '' };
    case 'link': return { kind, url: 'https://', label: '' };
    case 'quote': return { kind, testimonyId: '' };
  }
}

/** One issue: compose blocks, preview at a phone's and a desktop's width, send once to a list. */
export function NewsletterIssuePage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id!;
  const [issue, setIssue] = useState<NewsletterIssueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { newsletterApi.get(id).then(setIssue, (e) => setError(errorMessage(e))); }, [id]);
  async function act(work: () => Promise<NewsletterIssueView>) {
    setError(null);
    try { setIssue(await work()); } catch (err) { setError(errorMessage(err)); }
  }
  if (!issue) return <Screen title={t('newsletter.title')}><FormError message={error} /></Screen>;
  const draft = issue.status === 'draft';
  return (
    <Screen title={issue.title}>
      <p><a href="/communication/newsletter">{t('newsletter.back')}</a> · <span class="chip" data-testid="newsletter-status">{t(`newsletter.status.${issue.status}`)}</span></p>
      <FormError message={error} />
      {draft && <Editor key={issue.updatedAt} issue={issue} onSave={(body) => act(() => newsletterApi.edit(id, body))} />}
      <section class="card" aria-labelledby="newsletter-preview">
        <h2 id="newsletter-preview">{t('newsletter.preview.title')}</h2>
        <div class="newsletter-previews">
          <NewsletterPreview title={issue.title} blocks={issue.blocks} width={375} label={t('newsletter.preview.phone')} testId="newsletter-preview-phone" />
          <NewsletterPreview title={issue.title} blocks={issue.blocks} width={720} label={t('newsletter.preview.desktop')} testId="newsletter-preview-desktop" />
        </div>
      </section>
      <section class="card" aria-labelledby="newsletter-send">
        <h2 id="newsletter-send">{t('newsletter.send.title')}</h2>
        {draft && <Send issue={issue} act={act} />}
        {issue.mailingId && <MailingProgress mailingId={issue.mailingId} messageKey="newsletter.send.progress" testId="newsletter-progress" />}
        {issue.publicUrl && <p><a href={issue.publicUrl} target="_blank" rel="noopener" data-testid="newsletter-public-link">{t('newsletter.send.public')}</a></p>}
      </section>
    </Screen>
  );
}

function Editor({ issue, onSave }: { issue: NewsletterIssueView; onSave: (body: { title: string; language: 'fr' | 'en'; blocks: NewsletterBlockInput[] }) => void }) {
  const t = useT();
  const [title, setTitle] = useState(issue.title);
  const [language, setLanguage] = useState<'fr' | 'en'>(issue.language);
  const [blocks, setBlocks] = useState<NewsletterBlockInput[]>(issue.blocks.map(blockInputOf));
  const [photos, setPhotos] = useState<NewsletterPhotoView[]>([]);
  const [areas, setAreas] = useState<Array<{ code: string; name: string }>>([]);
  const [quotable, setQuotable] = useState<QuotableTestimony[]>([]);
  useEffect(() => {
    newsletterApi.photos().then(setPhotos, () => {});
    newsletterApi.quotable().then(setQuotable, () => {});
    api.get<{ areas: Array<{ code: string; name: string }> }>('/api/bulletins').then((r) => setAreas(r.areas), () => {});
  }, []);
  const change = (i: number, b: NewsletterBlockInput) => setBlocks(blocks.map((x, j) => (j === i ? b : x)));
  const move = (i: number, by: number) => {
    const next = [...blocks];
    const [b] = next.splice(i, 1);
    next.splice(i + by, 0, b!);
    setBlocks(next);
  };
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); onSave({ title, language, blocks }); }}>
      <TextField label={t('newsletter.fields.title')} value={title} onValue={setTitle} required maxLength={300} />
      <SelectField label={t('newsletter.fields.language')} value={language} onValue={(v) => setLanguage(v as 'fr')}
        options={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }]} />
      <ol class="newsletter-blocks" data-testid="newsletter-blocks">
        {blocks.map((b, i) => (
          <li key={i}>
            <strong>{t(`newsletter.blocks.${b.kind}`)}</strong>
            <BlockFields block={b} onChange={(nb) => change(i, nb)} photos={photos} areas={areas} quotable={quotable} index={i} />
            <div class="newsletter-block-actions">
              {i > 0 && <Button onClick={() => move(i, -1)}>{t('newsletter.blocks.up')}</Button>}
              {i < blocks.length - 1 && <Button onClick={() => move(i, 1)}>{t('newsletter.blocks.down')}</Button>}
              <Button onClick={() => setBlocks(blocks.filter((_, j) => j !== i))}>{t('newsletter.blocks.remove')}</Button>
            </div>
          </li>
        ))}
      </ol>
      <p class="newsletter-block-actions">
        {NEWSLETTER_BLOCK_KINDS.map((k) => (
          <Button key={k} testId={`newsletter-add-${k}`} onClick={() => setBlocks([...blocks, emptyBlock(k)])}>{t('newsletter.blocks.add', { kind: t(`newsletter.blocks.${k}`) })}</Button>
        ))}
      </p>
      <Button type="submit" testId="newsletter-save">{t('newsletter.save')}</Button>
    </form>
  );
}

function BlockFields({ block, onChange, photos, areas, quotable, index }: {
  block: NewsletterBlockInput; onChange: (b: NewsletterBlockInput) => void; photos: NewsletterPhotoView[]; areas: Array<{ code: string; name: string }>;
  quotable: QuotableTestimony[]; index: number;
}) {
  const t = useT();
  const locale = useLocale();
  switch (block.kind) {
    case 'text': return (
      <div class="field"><label for={`nl-text-${index}`}>{t('newsletter.fields.text')}</label>
        <textarea id={`nl-text-${index}`} rows={5} required maxLength={10000} value={block.text} data-testid={`newsletter-text-${index}`}
          onInput={(e) => onChange({ ...block, text: e.currentTarget.value })} /></div>
    );
    case 'figure': return (
      <>
        <SelectField label={t('newsletter.fields.metric')} value={block.metric} onValue={(metric) => onChange({ ...block, metric })}
          options={CITABLE_METRIC_CODES.map((m) => ({ value: m, label: metricLabel(m, locale) }))} />
        <SelectField label={t('newsletter.fields.area')} value={block.areaCode ?? ''}
          onValue={(v) => { const { areaCode: _, ...rest } = block; onChange(v ? { ...rest, areaCode: v } : rest); }}
          options={[{ value: '', label: t('newsletter.fields.allAreas') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]} />
        <div class="field"><label for={`nl-from-${index}`}>{t('newsletter.fields.from')}</label>
          <input id={`nl-from-${index}`} type="date" required value={block.from} onInput={(e) => onChange({ ...block, from: e.currentTarget.value })} /></div>
        <div class="field"><label for={`nl-to-${index}`}>{t('newsletter.fields.to')}</label>
          <input id={`nl-to-${index}`} type="date" required value={block.to} onInput={(e) => onChange({ ...block, to: e.currentTarget.value })} /></div>
      </>
    );
    case 'bulletin': return <p class="field-hint">{t('newsletter.blocks.bulletinHint')}</p>;
    case 'photo': return (
      <>
        <SelectField label={t('newsletter.fields.photo')} value={block.evidenceId} onValue={(evidenceId) => onChange({ ...block, evidenceId })}
          options={[{ value: '', label: photos.length ? '—' : t('newsletter.fields.noPhoto') }, ...photos.map((p) => ({
            value: p.id, label: `${p.capturedAt ? new Date(p.capturedAt).toLocaleDateString(locale, { timeZone: 'Europe/Paris' }) : p.id.slice(0, 8)} — © ${p.credit ?? t('newsletter.fields.noCredit')}`,
          }))]} />
        <TextField label={t('newsletter.fields.caption')} value={block.caption ?? ''} onValue={(caption) => onChange({ ...block, caption })} maxLength={500} />
      </>
    );
    case 'link': return (
      <>
        <TextField label={t('newsletter.fields.linkLabel')} value={block.label} onValue={(label) => onChange({ ...block, label })} required maxLength={300} />
        <TextField label={t('newsletter.fields.url')} type="url" value={block.url} onValue={(url) => onChange({ ...block, url })} required maxLength={2000} />
      </>
    );
    // Only consented excerpts are offered; one withdrawn since stays listed by its number until removed.
    case 'quote': return (
      <SelectField label={t('newsletter.fields.quote')} value={block.testimonyId} onValue={(testimonyId) => onChange({ ...block, testimonyId })}
        options={[{ value: '', label: quotable.length ? '—' : t('newsletter.fields.noQuote') }, ...quotable.map((q) => ({
          value: q.id, label: `${isRightToLeft(q.language) ? '\u202B' : ''}${q.quote.slice(0, 80)}${isRightToLeft(q.language) ? '\u202C' : ''} (${q.givenIn})`,
        })), ...(block.testimonyId && !quotable.some((q) => q.id === block.testimonyId) ? [{ value: block.testimonyId, label: t('newsletter.fields.quoteWithdrawn') }] : [])]} />
    );
  }
}

function Send({ issue, act }: { issue: NewsletterIssueView; act: (w: () => Promise<NewsletterIssueView>) => Promise<void> }) {
  const t = useT();
  const [lists, setLists] = useState<ContactListView[]>([]);
  const [listId, setListId] = useState('');
  const [busy, setBusy] = useState(false);
  // Quotes whose person withdrew (or never agreed): named here, and the server refuses the sending too.
  const [withdrawn, setWithdrawn] = useState<number[]>([]);
  useEffect(() => { contactsApi.lists().then((ls) => setLists(ls.filter((l) => l.legalBasis === 'consent')), () => {}); }, []);
  useEffect(() => {
    newsletterApi.checklist(issue.id).then((c) => setWithdrawn(c.items.flatMap((i) => (i.kind === 'quoteWithoutConsent' ? [i.quote] : []))), () => {});
  }, [issue.id, issue.updatedAt]);
  return (
    <form onSubmit={async (e) => { e.preventDefault(); setBusy(true); await act(() => newsletterApi.send(issue.id, listId)); setBusy(false); }}>
      <SelectField label={t('newsletter.send.list')} value={listId} onValue={setListId}
        options={[{ value: '', label: '—' }, ...lists.map((l) => ({ value: l.id, label: t('newsletter.send.listOption', { name: l.name, count: l.mailable }) }))]} />
      {withdrawn.map((n) => <p key={n} role="alert" data-testid="newsletter-quote-withdrawn">{t('office.checklist.quoteWithoutConsent', { quote: n })}</p>)}
      <Button type="submit" busy={busy} disabled={!listId || issue.blocks.length === 0 || withdrawn.length > 0} testId="newsletter-send">{t('newsletter.send.submit')}</Button>
    </form>
  );
}

