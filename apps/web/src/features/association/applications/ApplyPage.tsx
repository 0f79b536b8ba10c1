import { useEffect, useId, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { applicationsApi, readUpload } from './applicationsApi';

const ACCEPT = '.pdf,.doc,.docx,.odt,.pages,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text';

function FileInput({ label, hint, onFile, required, testId }: { label: string; hint: string; onFile: (f: File | null) => void; required?: boolean; testId: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="field-hint">{hint}</p>
      <input id={id} type="file" accept={ACCEPT} required={required} aria-describedby={`${id}-hint`} data-testid={testId}
        onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)} />
    </div>
  );
}

/** The public application form (no account), reached from a posting's public page; made for a phone. */
export function ApplyPage() {
  const t = useT();
  const { params } = useRoute();
  const slug = params.slug!;
  const postingId = params.id!;
  const [title, setTitle] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [cv, setCv] = useState<File | null>(null);
  const [letter, setLetter] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const messageId = useId();

  useEffect(() => {
    applicationsApi.openJobs(slug).then((r) => setTitle(r.jobs.find((j) => j.id === postingId)?.title ?? null)).catch(() => setTitle(null));
  }, [slug, postingId]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!cv) return;
    // Said here before any upload; the server checks again, by content.
    if (cv.size > 5 * 1024 * 1024 || (letter && letter.size > 5 * 1024 * 1024)) { setError(t('association.apply.tooBig')); return; }
    setBusy(true); setError(null);
    try {
      const result = await applicationsApi.apply(slug, postingId, {
        name, email, message, cv: await readUpload(cv), ...(letter && { letter: await readUpload(letter) }),
      });
      setDone(result.merged ? t('association.apply.merged') : t('association.apply.sent'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={title ? t('association.apply.titleFor', { title }) : t('association.apply.title')} narrow>
      {done ? <StatusMessage message={done} /> : (
        <form onSubmit={submit}>
          <FormError message={error} />
          <TextField label={t('association.apply.name')} value={name} onValue={setName} required maxLength={160} autocomplete="name" />
          <TextField label={t('association.apply.email')} type="email" value={email} onValue={setEmail} required autocomplete="email" inputMode="email" />
          <div class="field">
            <label for={messageId}>{t('association.apply.message')}</label>
            <textarea id={messageId} rows={6} maxLength={10000} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
          </div>
          <FileInput label={t('association.apply.cv')} hint={t('association.apply.fileHint')} onFile={setCv} required testId="apply-cv" />
          <FileInput label={t('association.apply.letter')} hint={t('association.apply.fileHint')} onFile={setLetter} testId="apply-letter" />
          <p class="field-hint">{t('association.apply.privacy')}</p>
          <Button type="submit" busy={busy} testId="apply-submit">{t('association.apply.submit')}</Button>
        </form>
      )}
    </Screen>
  );
}
