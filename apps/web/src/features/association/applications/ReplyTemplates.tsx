import { useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { applicationsApi, type ReplyTemplateView } from './applicationsApi';
import { FIELDS } from './ReplyForm';

const EMPTY = { name: '', subject: '', body: '' };

/**
 * The organisation's reply templates: add one (name, subject, text with placeholders), change it,
 * or delete it after a confirmation. Replies already sent keep their own text: the application's
 * note and the mail hold it, not the template.
 */
export function ReplyTemplates({ templates, onSaved }: { templates: ReplyTemplateView[]; onSaved: () => Promise<unknown> }) {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<ReplyTemplateView | null>(null);
  const [deleting, setDeleting] = useState<ReplyTemplateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>, done: string) => {
    setError(null); setStatus(null);
    try { await f(); await onSaved(); setStatus(done); } catch (err) { setError(errorMessage(err)); }
  };
  const edit = (x: ReplyTemplateView) => { setEditing(x); setDeleting(null); setForm({ name: x.name, subject: x.subject, body: x.body }); };
  const stopEditing = () => { setEditing(null); setForm(EMPTY); };

  return (
    <details class="card" data-testid="reply-templates">
      <summary>{t('association.replies.templates', { n: templates.length })}</summary>
      <ul>
        {templates.map((x) => (
          <li key={x.id} data-testid="reply-template">
            <strong>{x.name}</strong> — {x.subject}{' '}
            <Button variant="link" onClick={() => edit(x)}>{t('association.replies.edit')}</Button>{' '}
            <Button variant="link" onClick={() => { setDeleting(x); setStatus(null); }}>{t('association.replies.delete')}</Button>
            {deleting?.id === x.id && (
              <div role="alertdialog" aria-label={t('association.replies.delete')}>
                <p>{t('association.replies.confirmDelete', { name: x.name })}</p>
                <Button variant="danger" onClick={() => void act(async () => {
                  await applicationsApi.deleteTemplate(x.id);
                  setDeleting(null);
                  if (editing?.id === x.id) stopEditing();
                }, t('association.replies.deleted', { name: x.name }))}>{t('association.replies.confirmDeleteAction')}</Button>{' '}
                <Button variant="link" onClick={() => setDeleting(null)}>{t('association.replies.cancelEdit')}</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <StatusMessage message={status} />
      <form onSubmit={(e) => {
        e.preventDefault();
        void act(async () => { await applicationsApi.saveTemplate(form, editing?.id); stopEditing(); }, t('association.replies.saved'));
      }}>
        {editing && <h3>{t('association.replies.editing', { name: editing.name })}</h3>}
        <TextField label={t('association.replies.name')} value={form.name} onValue={(name) => setForm({ ...form, name })} required maxLength={120} />
        <TextField label={t('association.replies.subject')} value={form.subject} onValue={(subject) => setForm({ ...form, subject })} required maxLength={200} />
        <div class="field">
          <label for="template-body">{t('association.replies.body')}</label>
          <p class="field-hint">{t('association.replies.placeholders', FIELDS)}</p>
          <textarea id="template-body" rows={6} required maxLength={10000} value={form.body} onInput={(e) => setForm({ ...form, body: e.currentTarget.value })} />
        </div>
        <FormError message={error} />
        <Button type="submit" variant="secondary">{editing ? t('association.replies.update') : t('association.replies.save')}</Button>
        {editing && <> <Button variant="link" onClick={stopEditing}>{t('association.replies.cancelEdit')}</Button></>}
      </form>
    </details>
  );
}
