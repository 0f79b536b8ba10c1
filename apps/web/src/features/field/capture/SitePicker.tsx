import { useMemo, useState } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import { getAll } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { newId, saveSite } from '../../../offline/store';
import type { Commune, LocalSite } from '../../../offline/types';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { guessCommune, type Position } from './commune-guess';
import { useLastEvictedAt } from './data';
import { formatDate } from './format';
import { searchSites } from './prefill';

/**
 * Which site? The area's sites, most recently evicted first, so the usual one is a single tap;
 * typing filters by code, name or alias. An unknown site can be created on the spot.
 */
export function SitePicker({ title, areaId, communes, onPick, onCancel }: {
  title: string;
  areaId: string | null;
  communes: readonly Commune[];
  onPick: (site: LocalSite) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const sites = useLive(() => getAll('sites'), []) ?? [];
  const last = useLastEvictedAt();
  const found = useMemo(() => searchSites(sites, query, last, areaId).slice(0, 30), [sites, query, last, areaId]);

  if (creating) return <NewSite name={query} areaId={areaId} communes={communes} onCreated={onPick} onCancel={() => setCreating(false)} />;

  return (
    <section class="picker" aria-label={title} data-testid="site-picker">
      <h2>{title}</h2>
      <TextField label={t('field.picker.search')} value={query} onValue={setQuery} spellcheck={false} autocomplete="off" testId="site-search" />
      {found.length === 0 && <p class="muted">{t('field.picker.none')}</p>}
      <ul class="site-list">
        {found.map((s) => (
          <li key={s.id}>
            <button type="button" class="site-choice" onClick={() => onPick(s)} data-testid={`site-${s.record.code}`}>
              <span class="site-code">{s.record.code}</span>
              <span class="site-name">{s.record.name}</span>
              {last.get(s.id) && <span class="site-meta">{t('field.picker.lastEviction', { date: formatDate(last.get(s.id), locale) })}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div class="actions">
        {query.trim() && areaId && (
          <Button variant="secondary" onClick={() => setCreating(true)} testId="site-create-open">
            {t('field.picker.newSite', { name: query.trim() })}
          </Button>
        )}
        <Button variant="link" onClick={onCancel} testId="site-picker-cancel">
          {t('field.picker.cancel')}
        </Button>
      </div>
    </section>
  );
}

function NewSite({ name, areaId, communes, onCreated, onCancel }: {
  name: string;
  areaId: string | null;
  communes: readonly Commune[];
  onCreated: (s: LocalSite) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const inArea = communes.filter((c) => c.areaId === areaId);
  const [code, setCode] = useState(name.slice(0, 20));
  const [label, setLabel] = useState(name);
  const sites = useLive(() => getAll('sites'), []);
  const [here, setHere] = useState<Position | null>(null);
  const [locating, setLocating] = useState<'idle' | 'asking' | 'failed'>('idle');
  const [chosen, setChosen] = useState<string | null>(null);
  // Asked only when the observer taps the button, never on its own: the position is stored
  // with the site (it places it on the map) and ranks the area's communes for the guess.
  function locate() {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (p) => { setHere({ latitude: p.coords.latitude, longitude: p.coords.longitude }); setLocating('idle'); },
      () => setLocating('failed'),
      { timeout: 10_000, maximumAge: 60_000, enableHighAccuracy: true },
    );
  }
  const commune = chosen ?? (areaId ? guessCommune(areaId, communes, sites ?? [], here) : '');
  const setCommune = (v: string) => setChosen(v);
  const ok = code.trim() && label.trim() && commune && areaId;
  async function create() {
    if (!ok) return;
    const record = { id: newId(), code: code.trim(), name: label.trim(), aliases: [], areaId: areaId!, communeInsee: commune, latitude: here?.latitude ?? null, longitude: here?.longitude ?? null, active: true, notes: null };
    await saveSite(record);
    onCreated({ id: record.id, record, version: null, syncState: 'pending', error: null, updatedAt: new Date().toISOString() });
  }
  return (
    <section class="picker" data-testid="site-create">
      <h2>{t('field.picker.newSite', { name })}</h2>
      <TextField label={t('field.picker.code')} value={code} onValue={setCode} maxLength={20} testId="site-create-code" />
      <TextField label={t('field.picker.name')} value={label} onValue={setLabel} maxLength={120} testId="site-create-name" />
      <div class="actions">
        <Button variant="secondary" onClick={locate} busy={locating === 'asking'} testId="site-create-locate">
          {t('siteEditor.locate')}
        </Button>
      </div>
      <p class="muted" role="status" data-testid="site-create-location">
        {locating === 'asking' ? t('siteEditor.locating')
          : locating === 'failed' ? t('siteEditor.locateFailed')
          : here ? t('siteEditor.located', { latitude: here.latitude.toFixed(5), longitude: here.longitude.toFixed(5) })
          : t('siteEditor.locateHint')}
      </p>
      <SelectField label={t('field.picker.commune')} value={commune} onValue={setCommune} options={inArea.map((c) => ({ value: c.inseeCode, label: c.name }))} />
      <div class="actions">
        <Button onClick={() => void create()} disabled={!ok} testId="site-create-submit">
          {t('field.picker.create')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('field.picker.cancel')}
        </Button>
      </div>
    </section>
  );
}
