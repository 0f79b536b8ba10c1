import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ENGAGEMENTS, PAY_UNITS, SCHEDULES, WORKPLACES } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { DateInput, LongText, NumberInput } from './fields';
import { emptyForm, formOf, inputOf, LIST_KEYS, type PostingForm } from './postingForm';
import { postingsApi, type PostingView } from './postingsApi';

/** Writing a posting (new or existing), then publishing it or taking it offline. */
export function PostingEditorPage() {
  const t = useT();
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id && params.id !== 'new' ? params.id : null;
  const [form, setForm] = useState<PostingForm>(emptyForm());
  const [posting, setPosting] = useState<PostingView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    postingsApi.get(id).then((p) => { setPosting(p); setForm(formOf(p)); }).catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);

  const set = (key: keyof PostingForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const engagements = ENGAGEMENTS.map((v) => ({ value: v, label: t(`association.postings.engagement.${v}`) }));
  const workplaces = WORKPLACES.map((v) => ({ value: v, label: t(`association.postings.workplace.${v}`) }));
  const schedules = SCHEDULES.map((v) => ({ value: v, label: t(`association.postings.schedule.${v}`) }));
  const payUnits = PAY_UNITS.map((v) => ({ value: v, label: t(`association.postings.payUnit.${v}`) }));

  async function act(work: () => Promise<PostingView>, done: string) {
    setBusy(true); setError(null); setStatus(null);
    try {
      const saved = await work();
      setPosting(saved);
      setForm(formOf(saved));
      setStatus(done);
      if (!id) route(`/association/postings/${saved.id}`, true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    const body = inputOf(form);
    void act(() => (id ? postingsApi.save(id, body) : postingsApi.create(body)), t('association.postings.saved'));
  }

  return (
    <Screen title={id ? form.title || t('association.postings.edit') : t('association.postings.new')} narrow>
      <p><a href="/association/postings">{t('association.postings.back')}</a></p>
      {posting && (
        <section class="card" aria-labelledby="posting-state">
          <h2 id="posting-state">{t(`association.postings.status.${posting.status}`)}</h2>
          {posting.publicUrl && posting.status === 'published' && (
            <p><a href={posting.publicUrl} target="_blank" rel="noopener">{t('association.postings.publicPage')}</a></p>
          )}
          <p><a href={`/association/postings/${posting.id}/applications`} data-testid="posting-applications">{t('association.postings.applications')}</a></p>
          <div class="card-actions">
            {posting.status === 'draft' && (
              <Button busy={busy} testId="posting-publish" onClick={() => void act(() => postingsApi.publish(posting.id), t('association.postings.published'))}>
                {t('association.postings.publish')}
              </Button>
            )}
            {posting.status === 'published' && (
              <Button variant="secondary" busy={busy} onClick={() => void act(() => postingsApi.close(posting.id), t('association.postings.closed'))}>
                {t('association.postings.close')}
              </Button>
            )}
          </div>
        </section>
      )}
      <form onSubmit={submit}>
        <FormError message={error} />
        <StatusMessage message={status} />
        <TextField label={t('association.postings.field.title')} value={form.title} onValue={set('title')} required maxLength={160} testId="posting-title" />
        <SelectField label={t('association.postings.field.engagement')} value={form.engagement} onValue={set('engagement')} options={engagements} />
        <TextField label={t('association.postings.field.locality')} value={form.locality} onValue={set('locality')} required maxLength={120} testId="posting-locality" />
        <TextField label={t('association.postings.field.postalCode')} value={form.postalCode} onValue={set('postalCode')} maxLength={10} />
        <TextField label={t('association.postings.field.region')} value={form.region} onValue={set('region')} maxLength={120} />
        <SelectField label={t('association.postings.field.workplace')} value={form.workplace} onValue={set('workplace')} options={workplaces} />
        <SelectField label={t('association.postings.field.schedule')} value={form.schedule} onValue={set('schedule')} options={schedules} />
        <NumberInput label={t('association.postings.field.hoursPerWeek')} value={form.hoursPerWeek} onValue={set('hoursPerWeek')} />
        <TextField label={t('association.postings.field.contract')} value={form.contract} onValue={set('contract')} maxLength={120} />
        <NumberInput label={t('association.postings.field.durationMonths')} value={form.durationMonths} onValue={set('durationMonths')} step="1" />
        <DateInput label={t('association.postings.field.startDate')} value={form.startDate} onValue={set('startDate')} />
        <fieldset>
          <legend>{t('association.postings.field.pay')}</legend>
          <NumberInput label={t('association.postings.field.payMin')} value={form.payMin} onValue={set('payMin')} />
          <NumberInput label={t('association.postings.field.payMax')} value={form.payMax} onValue={set('payMax')} />
          <SelectField label={t('association.postings.field.payUnit')} value={form.payUnit} onValue={set('payUnit')}
            options={[{ value: '', label: t('association.postings.field.noPay') }, ...payUnits]} />
        </fieldset>
        {LIST_KEYS.map((key) => (
          <LongText key={key} label={t(`association.postings.field.${key}`)} hint={t('association.postings.onePerLine')} value={form[key]} onValue={set(key)} />
        ))}
        <LongText label={t('association.postings.field.description')} hint={t('association.postings.markdownHint')} value={form.description} onValue={set('description')} rows={12} required />
        <DateInput label={t('association.postings.field.closesOn')} value={form.closesOn} onValue={set('closesOn')} required />
        <NumberInput label={t('association.postings.field.openings')} value={form.openings} onValue={set('openings')} step="1" />
        <Button type="submit" busy={busy} testId="posting-save">{t('association.postings.save')}</Button>
      </form>
    </Screen>
  );
}
