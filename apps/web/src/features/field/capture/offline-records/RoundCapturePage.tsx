import { useEffect, useState } from 'preact/hooks';
import { ROUND_NEEDS, type RoundInput, type RoundNeed } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../../i18n';
import { getAll } from '../../../../offline/db';
import { useLive } from '../../../../offline/live';
import { getLastAreaId, newId, saveRound, type FieldUser } from '../../../../offline/store';
import { Screen } from '../../../../shell/Screen';
import { Button } from '../../../../ui/Button';
import { FormError } from '../../../../ui/FormError';
import { useReference } from '../data';
import { formatTime } from '../format';
import { countOf, emptyCount, RoundCountRow, type CountDraft } from '../../rounds/RoundCount';

/** "now" as a datetime-local value in the phone's time. */
const localNow = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };
const toIso = (local: string) => new Date(local).toISOString();

/** "25 couvertures" → 25 couvertures, exact; a line without a number is a thing without a count. */
export function distributedLines(text: string): RoundInput['distributed'] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(\d+)\s+(.+)$/.exec(l);
    return m ? { item: m[2]!.slice(0, 80), count: { n: Number(m[1]), atLeast: false } } : { item: l.slice(0, 80), count: null };
  });
}

/**
 * An outreach round recorded on the phone, with or without a network (issue 16, item 4): area,
 * times, team, the sites visited (from the phone's list of the area), people met and needs as
 * approximate counts ("au moins" ticked by default, as a night's figures usually are), what was
 * handed out, notes. No position and no name is asked. Saved in the encrypted store and queued
 * (`round.save`); it leaves the phone once the server confirmed it.
 */
export function RoundCapturePage({ me }: { me: FieldUser }) {
  const t = useT();
  const locale = useLocale();
  const ref = useReference();
  const sites = useLive(() => getAll('sites'), []) ?? [];
  const [areaId, setAreaId] = useState('');
  const [startedAt, setStartedAt] = useState(localNow());
  const [endedAt, setEndedAt] = useState('');
  const [team, setTeam] = useState<string[]>([]);
  const [visited, setVisited] = useState<string[]>([]);
  const [people, setPeople] = useState<CountDraft>(emptyCount());
  const [needs, setNeeds] = useState<Record<RoundNeed, CountDraft>>(Object.fromEntries(ROUND_NEEDS.map((k) => [k, emptyCount()])) as Record<RoundNeed, CountDraft>);
  const [distributed, setDistributed] = useState('');
  const [notes, setNotes] = useState('');
  const [id] = useState(newId);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<RoundInput | null>(null);

  useEffect(() => {
    void getLastAreaId().then((last) => setAreaId((cur) => cur || last || ''));
  }, []);
  useEffect(() => {
    if (ref?.areas.length && !ref.areas.some((a) => a.id === areaId)) setAreaId(ref.areas[0]!.id);
  }, [ref, areaId]);
  const area = ref?.areas.find((a) => a.id === areaId);
  const areaSites = sites.filter((s) => s.record.areaId === areaId).sort((a, b) => a.record.code.localeCompare(b.record.code));

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    if (!area) return;
    if (endedAt && endedAt < startedAt) { setError(t('fieldRecords.round.endsBefore')); return; }
    const record: RoundInput = {
      id, areaCode: area.code, startedAt: toIso(startedAt), endedAt: endedAt ? toIso(endedAt) : null, team, siteIds: visited.filter((s) => areaSites.some((x) => x.id === s)),
      peopleMet: countOf(people),
      needs: Object.fromEntries(ROUND_NEEDS.flatMap((k) => { const c = countOf(needs[k]); return c ? [[k, c]] : []; })),
      distributed: distributedLines(distributed), notes: notes.trim() || null,
    };
    try {
      await saveRound(record);
      setSaved(record);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  if (saved) {
    const p = saved.peopleMet;
    return (
      <Screen title={t('rounds.title')}>
        <p role="status" data-testid="round-saved">
          {t('fieldRecords.round.saved', { area: area?.name ?? saved.areaCode, time: formatTime(saved.startedAt, locale), people: p ? `${p.atLeast ? t('rounds.atLeastShort') : ''}${p.n}` : '—' })}
        </p>
        <p class="field-hint">{t('fieldRecords.leavesPhone')}</p>
        <div class="big-actions">
          <a class="btn btn-secondary btn-block" href={`/field/testimonies/new?round=${saved.id}`} data-testid="round-testimony">{t('fieldRecords.testimonyDuringRound')}</a>
          <a class="btn btn-primary btn-block" href="/field" data-testid="round-home">{t('rounds.backHome')}</a>
        </div>
      </Screen>
    );
  }
  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  return (
    <Screen title={t('rounds.new')}>
      <p><a href="/field">{t('rounds.backHome')}</a></p>
      <p class="field-hint">{t('rounds.intro')}</p>
      <FormError message={error} />
      <form onSubmit={(e) => void save(e)} class="stack" data-testid="round-form">
        <div class="field">
          <label for="round-area">{t('rounds.area')}</label>
          <select id="round-area" value={areaId} onChange={(e) => { setAreaId(e.currentTarget.value); setVisited([]); }} data-testid="round-area">
            {(ref?.areas ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        <div class="field"><label>{t('rounds.startedAt')}<input type="datetime-local" required value={startedAt} onInput={(e) => setStartedAt(e.currentTarget.value)} data-testid="round-start" /></label></div>
        <div class="field"><label>{t('rounds.endedAt')}<input type="datetime-local" value={endedAt} onInput={(e) => setEndedAt(e.currentTarget.value)} data-testid="round-end" /></label></div>
        <fieldset><legend>{t('rounds.team')}</legend>
          {(ref?.members ?? []).filter((m) => m.id !== me.id).map((m) => (
            <label key={m.id} class="checkbox"><input type="checkbox" checked={team.includes(m.id)} onChange={(e) => setTeam(toggle(team, m.id, e.currentTarget.checked))} /> {m.displayName}</label>
          ))}
        </fieldset>
        {areaSites.length > 0 && (
          <fieldset data-testid="round-sites"><legend>{t('fieldRecords.round.sites')}</legend>
            {areaSites.map((s) => (
              <label key={s.id} class="checkbox"><input type="checkbox" checked={visited.includes(s.id)} onChange={(e) => setVisited(toggle(visited, s.id, e.currentTarget.checked))} data-testid="round-site" /> {s.record.code} · {s.record.name}</label>
            ))}
          </fieldset>
        )}
        <RoundCountRow label={t('rounds.peopleMet')} count={people} onChange={setPeople} testId="round-people" />
        <fieldset><legend>{t('rounds.needs')}</legend>
          {ROUND_NEEDS.map((k) => <div key={k}><RoundCountRow label={t(`rounds.need.${k}`)} count={needs[k]} onChange={(c) => setNeeds({ ...needs, [k]: c })} testId={`round-need-${k}`} /></div>)}
        </fieldset>
        <div class="field"><label>{t('rounds.distributed')}<textarea rows={3} value={distributed} onInput={(e) => setDistributed(e.currentTarget.value)} data-testid="round-distributed" /></label></div>
        <div class="field"><label>{t('rounds.notes')}<textarea rows={3} maxLength={5000} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} data-testid="round-notes" /></label></div>
        <Button type="submit" disabled={!area} testId="round-save">{t('rounds.save')}</Button>
      </form>
    </Screen>
  );
}
