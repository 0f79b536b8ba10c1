import { useEffect, useState } from 'preact/hooks';
import { ROUND_NEEDS, type RoundNeed } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { useUser } from '../../identity/auth/session';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextArea } from '../../legal/fields';
import { roundsApi, type RoundInput, type RoundView } from './roundsApi';
import { countOf, emptyCount, RoundCountRow, type CountDraft } from './RoundCount';

/** "now" as a datetime-local value in the phone's time. */
const localNow = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };
const toIso = (local: string) => new Date(local).toISOString();

/**
 * Recording an outreach round on a phone, one column: area, times, team, people met and needs as
 * approximate counts ("au moins" ticked by default, as a night's figures usually are), what was
 * handed out (one line each, "25 couvertures"), notes. No position and no name is asked. Online.
 */
export function NewRoundPage() {
  const t = useT();
  const me = useUser();
  const [ref, setRef] = useState<{ areas: Array<{ code: string; name: string }>; members: Array<{ id: string; displayName: string }> } | null>(null);
  const [areaCode, setAreaCode] = useState('');
  const [startedAt, setStartedAt] = useState(localNow());
  const [endedAt, setEndedAt] = useState('');
  const [team, setTeam] = useState<string[]>([]);
  const [people, setPeople] = useState<CountDraft>(emptyCount());
  const [needs, setNeeds] = useState<Record<RoundNeed, CountDraft>>(Object.fromEntries(ROUND_NEEDS.map((k) => [k, emptyCount()])) as Record<RoundNeed, CountDraft>);
  const [distributed, setDistributed] = useState('');
  const [notes, setNotes] = useState('');
  const [id] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<RoundView | null>(null);
  useEffect(() => {
    roundsApi.reference().then((r) => { setRef(r); setAreaCode(r.areas[0]?.code ?? ''); }, (e) => setError(errorMessage(e)));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const input: RoundInput = {
      id, areaCode, startedAt: toIso(startedAt), endedAt: endedAt ? toIso(endedAt) : null, team, siteIds: [], peopleMet: countOf(people),
      needs: Object.fromEntries(ROUND_NEEDS.flatMap((k) => { const c = countOf(needs[k]); return c ? [[k, c]] : []; })),
      distributed: distributed.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const m = /^(\d+)\s+(.+)$/.exec(l);
        return m ? { item: m[2]!, count: { n: Number(m[1]), atLeast: false } } : { item: l, count: null };
      }),
      notes: notes.trim() || null,
    };
    try { setSaved(await roundsApi.record(input)); } catch (err) { setError(errorMessage(err)); } finally { setBusy(false); }
  }

  if (saved) {
    return (
      <Screen title={t('rounds.title')}>
        <p role="status" data-testid="round-saved">{t('rounds.saved', { area: saved.area.name, people: saved.peopleMet ? `${saved.peopleMet.atLeast ? t('rounds.atLeastShort') : ''}${saved.peopleMet.n}` : '—' })}</p>
        <p><a class="btn btn-primary btn-block" href="/field">{t('rounds.backHome')}</a></p>
      </Screen>
    );
  }
  return (
    <Screen title={t('rounds.new')}>
      <p><a href="/field">{t('rounds.backHome')}</a></p>
      <p class="field-hint">{t('rounds.intro')}</p>
      <FormError message={error} />
      <form onSubmit={save} class="stack">
        <SelectField label={t('rounds.area')} value={areaCode} onValue={setAreaCode} options={(ref?.areas ?? []).map((a) => ({ value: a.code, label: a.name }))} />
        <div class="field"><label>{t('rounds.startedAt')}<input type="datetime-local" required value={startedAt} onInput={(e) => setStartedAt(e.currentTarget.value)} /></label></div>
        <div class="field"><label>{t('rounds.endedAt')}<input type="datetime-local" value={endedAt} onInput={(e) => setEndedAt(e.currentTarget.value)} /></label></div>
        <fieldset><legend>{t('rounds.team')}</legend>
          {(ref?.members ?? []).filter((m) => m.id !== me.id).map((m) => (
            <label key={m.id} class="checkbox"><input type="checkbox" checked={team.includes(m.id)}
              onChange={(e) => setTeam(e.currentTarget.checked ? [...team, m.id] : team.filter((x) => x !== m.id))} /> {m.displayName}</label>
          ))}
        </fieldset>
        <RoundCountRow label={t('rounds.peopleMet')} count={people} onChange={setPeople} testId="round-people" />
        <fieldset><legend>{t('rounds.needs')}</legend>
          {ROUND_NEEDS.map((k) => <div key={k}><RoundCountRow label={t(`rounds.need.${k}`)} count={needs[k]} onChange={(c) => setNeeds({ ...needs, [k]: c })} testId={`round-need-${k}`} /></div>)}
        </fieldset>
        <TextArea label={t('rounds.distributed')} value={distributed} onValue={setDistributed} testId="round-distributed" />
        <TextArea label={t('rounds.notes')} value={notes} onValue={setNotes} testId="round-notes" />
        <Button type="submit" busy={busy} disabled={!areaCode} testId="round-save">{t('rounds.save')}</Button>
      </form>
    </Screen>
  );
}
