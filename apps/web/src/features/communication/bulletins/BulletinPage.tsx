import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, errorMessage, fieldErrorsOf, focusFirstInvalid } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { useUser, hasPermission } from '../../identity/auth/session';
import { exportUrl, monthLabel, type Bilingual, type Bulletin, type Differences, type Lang, type PhotoSlot } from './bulletinApi';
import { BulletinPreview } from './BulletinPreview';
import { PublishChecklist } from '../publishing/PublishChecklist';
import { PhotoSlots } from './PhotoSlots';
import { BulletinQuotes } from './BulletinQuotes';
import './communication.css';
import { ShareCardLinks } from '../share-cards/ShareCardLinks';

/** Paragraphs are typed separated by an empty line; each becomes one paragraph of the bulletin. */
const toParagraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const fromParagraphs = (list: string[]) => list.join('\n\n');

type Draft = { headline: Bilingual; context: Bilingual; photos: PhotoSlot[] };
const draftOf = (b: Bulletin): Draft => ({
  headline: b.headline, context: { fr: fromParagraphs(b.context.fr), en: fromParagraphs(b.context.en) }, photos: b.photos,
});

/** One bulletin: edit the draft, preview it in both languages, download it, publish it, review later differences. */
export function BulletinPage() {
  const t = useT();
  const locale = useLocale();
  const user = useUser();
  const { params } = useRoute();
  const [bulletin, setBulletin] = useState<Bulletin | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [lang, setLang] = useState<Lang>(locale === 'en' ? 'en' : 'fr');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [differences, setDifferences] = useState<Differences | null>(null);
  const canWrite = hasPermission(user, 'comms.publish');

  const show = (b: Bulletin) => { setBulletin(b); setDraft(draftOf(b)); };
  useEffect(() => {
    api.get<{ bulletin: Bulletin }>(`/api/bulletins/${params.id}`).then((r) => show(r.bulletin), (e) => setError(errorMessage(e)));
  }, [params.id]);
  useEffect(() => {
    if (bulletin?.status !== 'published') return;
    api.get<Differences>(`/api/bulletins/${bulletin.id}/differences`).then(setDifferences, (e) => setError(errorMessage(e)));
  }, [bulletin?.id, bulletin?.status]);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    setFieldErrors({});
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
      const fields = fieldErrorsOf(e);
      setFieldErrors(fields);
      if (Object.keys(fields).length > 0) focusFirstInvalid();
    } finally { setBusy(false); }
  }
  const save = () => run(async () => {
    const body = {
      version: bulletin!.version, headline: draft!.headline, photos: draft!.photos,
      context: { fr: toParagraphs(draft!.context.fr), en: toParagraphs(draft!.context.en) },
    };
    show((await api.patch<{ bulletin: Bulletin }>(`/api/bulletins/${bulletin!.id}`, body)).bulletin);
    setNotice(t('bulletins.edit.saved'));
  });
  const publish = () => run(async () => {
    show((await api.post<{ bulletin: Bulletin }>(`/api/bulletins/${bulletin!.id}/publish`, { version: bulletin!.version })).bulletin);
    setConfirming(false);
    setNotice(t('bulletins.publish.done'));
  });
  const review = () => run(async () => {
    setDifferences(await api.post<Differences>(`/api/bulletins/${bulletin!.id}/differences/review`));
    setNotice(t('bulletins.differences.reviewed'));
  });

  if (!bulletin || !draft) {
    return <Screen title={t('bulletins.title')}><FormError message={error} />{!error && <p role="status">{t('app.loading')}</p>}</Screen>;
  }
  const published = bulletin.status === 'published';
  const dirty = JSON.stringify(draftOf(bulletin)) !== JSON.stringify(draft);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <Screen title={`${bulletin.area.name} — ${monthLabel(bulletin.month, locale)}`}>
      <p><a href="/communication">{t('bulletins.back')}</a></p>
      <p>
        <span class={`chip chip-${published ? 'verified' : 'draft'}`} data-testid="bulletin-status">{t(`bulletins.status.${bulletin.status}`)}</span>
        {published && bulletin.publishedAt && <span class="muted"> {t('bulletins.publish.on', { date: new Date(bulletin.publishedAt).toLocaleString(locale, { timeZone: 'Europe/Paris' }) })}</span>}
      </p>
      <FormError message={error} />
      {notice && <p role="status" class="notice">{notice}</p>}

      <section class="bulletin-downloads" aria-labelledby="bulletin-downloads">
        <h2 id="bulletin-downloads">{t('bulletins.download.title')}</h2>
        {(['fr', 'en'] as const).map((l) => (
          <p key={l}>
            <strong>{t(`bulletins.lang.${l}`)} :</strong>{' '}
            <a href={exportUrl(bulletin.id, 'pdf', l)} download data-testid={`bulletin-download-pdf-${l}`}>PDF</a>
            <a href={exportUrl(bulletin.id, 'html', l)} download data-testid={`bulletin-download-html-${l}`}>HTML</a>
            <a href={exportUrl(bulletin.id, 'md', l)} download data-testid={`bulletin-download-md-${l}`}>Markdown</a>
          </p>
        ))}
        {dirty && <p class="field-hint">{t('bulletins.download.unsaved')}</p>}
        <ShareCardLinks bulletinId={bulletin.id} />
        {published && (
          <dl>
            <dt>{t('bulletins.publish.snapshotHash')}</dt><dd class="hash">{bulletin.snapshotSha256}</dd>
            {bulletin.files.filter((f) => f.format === 'pdf').map((f) => (
              <Fragment key={f.locale}>
                <dt>{t('bulletins.publish.pdfHash', { lang: t(`bulletins.lang.${f.locale as Lang}`) })}</dt>
                <dd class="hash">{f.sha256}</dd>
              </Fragment>
            ))}
          </dl>
        )}
      </section>

      {published && differences && (
        <section class="bulletin-differences" aria-labelledby="bulletin-differences" data-testid="bulletin-differences">
          <h2 id="bulletin-differences">{t('bulletins.differences.title')}</h2>
          {differences.figures.length === 0 && differences.facts.length === 0 ? <p>{t('bulletins.differences.none')}</p> : (
            <>
              <p>{t('bulletins.differences.lead')}</p>
              <table class="data-table">
                <thead><tr><th scope="col">{t('bulletins.differences.figure')}</th><th scope="col">{t('bulletins.differences.published')}</th><th scope="col">{t('bulletins.differences.current')}</th></tr></thead>
                <tbody>
                  {differences.figures.map((d) => (
                    <tr key={d.metric}>
                      <th scope="row">{d.metric}</th>
                      <td>{t(d.published.atLeast ? 'bulletins.differences.atLeast' : 'bulletins.differences.exact', { value: d.published.value })}</td>
                      <td class="changed">{t(d.current.atLeast ? 'bulletins.differences.atLeast' : 'bulletins.differences.exact', { value: d.current.value })}</td>
                    </tr>
                  ))}
                  {differences.facts.map((d) => (
                    <tr key={`${d.kind}/${d.type}`}><th scope="row">{d.type}</th><td>{d.publishedDays.join(', ') || '—'}</td><td class="changed">{d.currentDays.join(', ') || '—'}</td></tr>
                  ))}
                </tbody>
              </table>
              {canWrite && <Button variant="secondary" busy={busy} onClick={review}>{t('bulletins.differences.review')}</Button>}
            </>
          )}
        </section>
      )}

      {!published && canWrite && (
        <section class="bulletin-editor" aria-labelledby="bulletin-editor">
          <h2 id="bulletin-editor">{t('bulletins.edit.title')}</h2>
          <div class="bulletin-columns">
            {(['fr', 'en'] as const).map((l) => (
              <div key={l}>
                <TextField label={t('bulletins.edit.headline', { lang: t(`bulletins.lang.${l}`) })} value={draft.headline[l]} maxLength={200}
                  hint={t('bulletins.edit.headlineHint')} error={fieldErrors[`headline.${l}`]} onValue={(v) => set({ headline: { ...draft.headline, [l]: v } })} testId={`bulletin-headline-${l}`} />
                <div class="field">
                  <label for={`bulletin-context-${l}`}>{t('bulletins.edit.context', { lang: t(`bulletins.lang.${l}`) })}</label>
                  <p class="field-hint">{t('bulletins.edit.contextHint')}</p>
                  <textarea id={`bulletin-context-${l}`} value={draft.context[l]} data-testid={`bulletin-context-${l}`}
                    onInput={(e) => set({ context: { ...draft.context, [l]: e.currentTarget.value } })} />
                </div>
              </div>
            ))}
          </div>
          <PhotoSlots bulletinId={bulletin.id} slots={draft.photos} onSlots={(photos) => set({ photos })} readOnly={false} errors={fieldErrors} />
          {/* Saved at once, by reference: typing in the fields above stays a draft until saved. */}
          <BulletinQuotes bulletin={bulletin} run={run} show={setBulletin} />
          <div class="bulletin-actions">
            <Button busy={busy} disabled={!dirty} onClick={save} testId="bulletin-save">{t('bulletins.edit.save')}</Button>
            {!confirming && <Button variant="secondary" disabled={dirty || busy} onClick={() => setConfirming(true)} testId="bulletin-publish">{t('bulletins.publish.action')}</Button>}
          </div>
          {confirming && <PublishChecklist url={`/api/bulletins/${bulletin.id}/checklist`} purpose="bulletin" busy={busy} onConfirm={publish} onCancel={() => setConfirming(false)} />}
        </section>
      )}

      <section aria-labelledby="bulletin-preview">
        <h2 id="bulletin-preview">{t('bulletins.preview.title')}</h2>
        <div class="bulletin-actions" role="group" aria-label={t('bulletins.preview.language')}>
          {(['fr', 'en'] as const).map((l) => (
            <Button key={l} variant={lang === l ? 'primary' : 'secondary'} onClick={() => setLang(l)}>{t(`bulletins.lang.${l}`)}</Button>
          ))}
        </div>
        {dirty && <p class="field-hint">{t('bulletins.preview.unsaved')}</p>}
        <BulletinPreview doc={bulletin.documents[lang]} />
      </section>
    </Screen>
  );
}
