import { useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { applicationsApi, type ReplyTemplateView } from './applicationsApi';

// The hint shows the placeholders themselves: handed over as values so i18next prints them as they are.
export const FIELDS = { nom: '{{nom}}', offre: '{{offre}}', association: '{{association}}' };

/** Answer one candidate by e-mail: pick a template (its text stays editable), send through the mail pipeline. */
export function ReplyForm({ applicationId, templates, onSent }: { applicationId: string; templates: ReplyTemplateView[]; onSent: () => Promise<unknown> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (!open) return <Button variant="secondary" onClick={() => { setOpen(true); setSent(false); }}>{t('association.replies.reply')}</Button>;
  const pick = (id: string) => {
    const tpl = templates.find((x) => x.id === id);
    setTemplateId(tpl?.id ?? null);
    if (tpl) { setSubject(tpl.subject); setBody(tpl.body); }
  };
  return (
    <form class="card" onSubmit={(e) => {
      e.preventDefault();
      setError(null);
      void applicationsApi.reply(applicationId, { templateId, subject, body })
        .then(async () => { setSent(true); setOpen(false); setSubject(''); setBody(''); await onSent(); })
        .catch((err: unknown) => setError(errorMessage(err)));
    }}>
      <div class="field">
        <label for={`tpl-${applicationId}`}>{t('association.replies.template')}</label>
        <select id={`tpl-${applicationId}`} value={templateId ?? ''} onChange={(e) => pick(e.currentTarget.value)}>
          <option value="">{t('association.replies.noTemplate')}</option>
          {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </div>
      <TextField label={t('association.replies.subject')} value={subject} onValue={setSubject} required maxLength={200} />
      <div class="field">
        <label for={`body-${applicationId}`}>{t('association.replies.body')}</label>
        <p class="field-hint">{t('association.replies.placeholders', FIELDS)}</p>
        <textarea id={`body-${applicationId}`} rows={8} required maxLength={10000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </div>
      <FormError message={error} />
      <Button type="submit">{t('association.replies.send')}</Button>{' '}
      <Button variant="link" onClick={() => setOpen(false)}>{t('association.replies.cancel')}</Button>
      {sent && <p role="status">{t('association.replies.sent')}</p>}
    </form>
  );
}
