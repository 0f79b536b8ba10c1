import { useId, useState } from 'preact/hooks';
import { CALENDAR_POLES, EVENT_KINDS } from '@vigie/domain/rules';
import { ApiError, errorMessage, fieldErrorsOf, focusFirstInvalid } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { describedBy } from '../../../ui/field';
import { instantOf, localOf, type EventBody, type EventKind, type EventView } from './campaignsApi';

/**
 * Refusals the server words about one field (dates reversed, capacity below those registered)
 * are shown beside that field, like its validation errors; anything else above the button.
 */
const FIELD_OF_CODE: Record<string, keyof EventBody> = {
  'campaign.event_ends_before_start': 'endsAt',
  'campaign.capacity_below_registrations': 'capacity',
};

function DateTimeField({ label, value, onValue, error, testId }: { label: string; value: string; onValue: (v: string) => void; error?: string; testId: string }) {
  const id = useId();
  return (
    <div class={`field field-required${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input id={id} type="datetime-local" required aria-required="true" value={value} onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, null, error)} data-testid={testId} />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}

/** Creating or editing an event or training: every field the server keeps. */
export function EventForm({ campaignId, event, submitLabel, onSubmit }: {
  campaignId: string | null; event?: EventView; submitLabel: string; onSubmit: (b: EventBody) => Promise<unknown>;
}) {
  const t = useT();
  const [kind, setKind] = useState<EventKind>(event?.kind ?? 'press_training');
  const [pole, setPole] = useState<string>(event?.pole ?? 'communication');
  const [title, setTitle] = useState(event?.title ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [place, setPlace] = useState(event?.place ?? '');
  const [starts, setStarts] = useState(localOf(event?.startsAt ?? null));
  const [ends, setEnds] = useState(localOf(event?.endsAt ?? null));
  const [capacity, setCapacity] = useState(event?.capacity ? String(event.capacity) : '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const descriptionId = useId();
  const submit = async (e: Event) => {
    e.preventDefault();
    setFields({});
    setError(null);
    try {
      await onSubmit({
        campaignId, kind, pole, title, description, place: place.trim() || null, startsAt: instantOf(starts) ?? '', endsAt: instantOf(ends) ?? '',
        capacity: capacity ? Number(capacity) : null,
      });
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_OF_CODE[err.code] : undefined;
      const found = field ? { [field]: err instanceof ApiError ? err.message : '' } : fieldErrorsOf(err);
      setFields(found);
      if (Object.keys(found).length === 0) setError(errorMessage(err));
      else focusFirstInvalid();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="event-form">
      <SelectField label={t('campaigns.event.kind')} value={kind} onValue={(v) => setKind(v as EventKind)} error={fields.kind}
        options={EVENT_KINDS.map((k) => ({ value: k, label: t(`campaigns.event.kinds.${k}`) }))} />
      <SelectField label={t('campaigns.calendar.pole')} value={pole} onValue={setPole} error={fields.pole}
        options={CALENDAR_POLES.map((p) => ({ value: p, label: t(`campaigns.poles.${p}`) }))} />
      <TextField label={t('campaigns.event.title')} value={title} onValue={setTitle} required maxLength={200} error={fields.title} testId="event-title" />
      <div class={`field${fields.description ? ' field-invalid' : ''}`}>
        <label for={descriptionId}>{t('campaigns.event.description')}</label>
        <textarea id={descriptionId} rows={3} maxLength={10_000} value={description} onInput={(e) => setDescription(e.currentTarget.value)}
          aria-invalid={fields.description ? 'true' : undefined} aria-describedby={describedBy(descriptionId, null, fields.description)} />
        {fields.description && <p id={`${descriptionId}-error`} class="field-error">{fields.description}</p>}
      </div>
      <TextField label={t('campaigns.event.place')} value={place} onValue={setPlace} maxLength={300} error={fields.place} testId="event-place" />
      <DateTimeField label={t('campaigns.event.startsAt')} value={starts} onValue={setStarts} error={fields.startsAt} testId="event-start" />
      <DateTimeField label={t('campaigns.event.endsAt')} value={ends} onValue={setEnds} error={fields.endsAt} testId="event-end" />
      <TextField label={t('campaigns.event.capacity')} inputMode="numeric" pattern="[0-9]*" value={capacity} onValue={setCapacity} error={fields.capacity} testId="event-capacity" />
      <FormError message={error} />
      <Button type="submit" testId="event-save">{submitLabel}</Button>
    </form>
  );
}
