import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CAMPAIGN_TARGETS, parisDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { campaignsApi, type CampaignBody, type CampaignSummaryView, type CampaignTarget } from './campaignsApi';
import './campaigns.css';

/** The campaigns, latest first, and the form that starts one; the editorial calendar is one link away. */
export function CampaignsPage() {
  const t = useT();
  const { route } = useLocation();
  const [campaigns, setCampaigns] = useState<CampaignSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { campaignsApi.list().then(setCampaigns, (e) => setError(errorMessage(e))); }, []);
  async function create(body: CampaignBody) {
    setError(null);
    try { route(`/communication/campaigns/${(await campaignsApi.create(body)).id}`); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <Screen title={t('campaigns.title')}>
      <p class="lead">{t('campaigns.lead')}</p>
      <p><a href="/communication/calendar" data-testid="calendar-link">{t('campaigns.calendar.link')}</a></p>
      <FormError message={error} />
      <ul class="rows" data-testid="campaign-list">
        {(campaigns ?? []).map((c) => (
          <li key={c.id}>
            <a class="row-link" href={`/communication/campaigns/${c.id}`}>
              <strong>{c.name}</strong>
              <span>{t('campaigns.period', { from: c.startsOn, to: c.endsOn })}</span>
              <span class="chip">{t('campaigns.counts', { posts: c.posts, events: c.events, releases: c.pressReleases })}</span>
            </a>
          </li>
        ))}
      </ul>
      {campaigns?.length === 0 && <p>{t('campaigns.none')}</p>}
      <CampaignForm submitLabel={t('campaigns.create')} onSubmit={create} />
    </Screen>
  );
}

const today = () => parisDate(new Date());

/** A campaign's fields: name, period, objectives, key messages (one a line), targets. */
export function CampaignForm({ initial, submitLabel, onSubmit }: { initial?: CampaignBody; submitLabel: string; onSubmit: (b: CampaignBody) => Promise<void> }) {
  const t = useT();
  const [name, setName] = useState(initial?.name ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? today());
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? today());
  const [objectives, setObjectives] = useState(initial?.objectives ?? '');
  const [messages, setMessages] = useState((initial?.keyMessages ?? []).join('\n'));
  const [targets, setTargets] = useState<CampaignTarget[]>(initial?.targets ?? []);
  const submit = (e: Event) => {
    e.preventDefault();
    void onSubmit({ name, startsOn, endsOn, objectives, keyMessages: messages.split('\n').map((m) => m.trim()).filter(Boolean), targets });
  };
  return (
    <form class="card campaign-form" onSubmit={submit}>
      <TextField label={t('campaigns.fields.name')} value={name} onValue={setName} required maxLength={200} testId="campaign-name" />
      <div class="campaign-dates">
        <div class="field"><label for="campaign-from">{t('campaigns.fields.startsOn')}</label>
          <input id="campaign-from" type="date" required value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} data-testid="campaign-from" /></div>
        <div class="field"><label for="campaign-to">{t('campaigns.fields.endsOn')}</label>
          <input id="campaign-to" type="date" required value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} data-testid="campaign-to" /></div>
      </div>
      <div class="field"><label for="campaign-objectives">{t('campaigns.fields.objectives')}</label>
        <textarea id="campaign-objectives" rows={3} value={objectives} onInput={(e) => setObjectives(e.currentTarget.value)} /></div>
      <div class="field"><label for="campaign-messages">{t('campaigns.fields.keyMessages')}</label>
        <p class="field-hint">{t('campaigns.fields.keyMessagesHint')}</p>
        <textarea id="campaign-messages" rows={3} value={messages} onInput={(e) => setMessages(e.currentTarget.value)} /></div>
      <fieldset>
        <legend>{t('campaigns.fields.targets')}</legend>
        {CAMPAIGN_TARGETS.map((target) => (
          <Checkbox key={target} label={t(`campaigns.targets.${target}`)} checked={targets.includes(target)}
            onChecked={(on) => setTargets(on ? [...targets, target] : targets.filter((x) => x !== target))} />
        ))}
      </fieldset>
      <Button type="submit" testId="campaign-save">{submitLabel}</Button>
    </form>
  );
}
