import { useMemo, useState } from 'preact/hooks';
import { outsideAreas, parseCoordinate, type SiteView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import type { MapTiles } from '../../../ui/SiteMap';
import { TextField } from '../../../ui/TextField';
import { PlaceOnMap } from './PlaceOnMap';

/** A decimal in the user's way of writing it: "50,9655" in French. */
function asText(n: number | null, locale: 'fr' | 'en'): string {
  if (n === null) return '';
  const s = String(Math.round(n * 1e6) / 1e6);
  return locale === 'fr' ? s.replace('.', ',') : s;
}

/**
 * A coordinator edits a site: its name and aliases, its position (a tap on the map, or typed,
 * decimal comma accepted), active or not. A position far from the organisation's other sites
 * is said at once and saved all the same. Saving makes a new version (the history below).
 */
export function SiteEditor({ site, sites, tiles, locale, onSaved }: {
  site: SiteView;
  /** The organisation's sites (merged ones left out): the map around, and the warning's reference. */
  sites: readonly SiteView[];
  tiles: MapTiles | null;
  locale: 'fr' | 'en';
  onSaved: (message: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState(site.name);
  const [aliases, setAliases] = useState(site.aliases.join(', '));
  const [lat, setLat] = useState(asText(site.latitude, locale));
  const [lon, setLon] = useState(asText(site.longitude, locale));
  const [active, setActive] = useState(site.active);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latitude = parseCoordinate(lat, 'latitude');
  const longitude = parseCoordinate(lon, 'longitude');
  const position = latitude.ok && longitude.ok && latitude.value !== null && longitude.value !== null ? { latitude: latitude.value, longitude: longitude.value } : null;
  const half = latitude.ok && longitude.ok && (latitude.value === null) !== (longitude.value === null);
  const placed = useMemo(() => sites.map((s) => ({ id: s.id, areaId: s.areaId, latitude: s.latitude, longitude: s.longitude, active: s.active, mergedInto: s.mergedInto })), [sites]);
  const far = position ? outsideAreas(position, site.areaId, placed, site.id) : null;
  const others = useMemo(() => sites.filter((s) => s.id !== site.id), [sites, site.id]);

  async function save() {
    if (!latitude.ok || !longitude.ok || half) return;
    setBusy(true);
    setError(null);
    try {
      const list = [...new Set(aliases.split(/[,;\n]/).map((a) => a.trim()).filter(Boolean))];
      await api.patch(`/api/sites/${site.id}`, {
        baseVersion: site.version, name: name.trim(), aliases: list, latitude: latitude.value, longitude: longitude.value, active,
      });
      onSaved(t('siteEditor.saved'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="site-editor" aria-labelledby="site-editor-title" data-testid="site-editor">
      <h2 id="site-editor-title">{t('siteEditor.title')}</h2>
      <FormError message={error} />
      <TextField label={t('siteEditor.name')} value={name} onValue={setName} maxLength={120} required testId="site-edit-name" />
      <TextField label={t('siteEditor.aliases')} hint={t('siteEditor.aliasesHint')} value={aliases} onValue={setAliases} testId="site-edit-aliases" />
      <p class="muted">{t('siteEditor.placeHint')}</p>
      <PlaceOnMap
        position={position}
        others={others}
        tiles={tiles}
        label={t('siteEditor.mapLabel')}
        onPlace={(p) => {
          setLat(asText(p.latitude, locale));
          setLon(asText(p.longitude, locale));
        }}
      />
      <div class="coordinates">
        <TextField label={t('siteEditor.latitude')} value={lat} onValue={setLat} inputMode="text" spellcheck={false}
          error={latitude.ok ? null : t('siteEditor.badLatitude')} testId="site-edit-latitude" />
        <TextField label={t('siteEditor.longitude')} value={lon} onValue={setLon} inputMode="text" spellcheck={false}
          error={longitude.ok ? (half ? t('siteEditor.halfPosition') : null) : t('siteEditor.badLongitude')} testId="site-edit-longitude" />
      </div>
      {far && <p class="notice" role="status" data-testid="site-edit-warning">{t('siteEditor.outsideArea')}</p>}
      <Checkbox label={t('siteEditor.active')} checked={active} onChecked={setActive} />
      <div class="actions">
        <Button onClick={() => void save()} busy={busy} disabled={!latitude.ok || !longitude.ok || half || !name.trim()} testId="site-edit-save">
          {t('siteEditor.save')}
        </Button>
      </div>
    </section>
  );
}

/**
 * Merging: this site is the same place as another, known under another name. Its evictions move
 * there, its names become aliases there; it stays stored, and the merge can be undone.
 */
export function SiteMerge({ site, sites, onMerged }: { site: SiteView; sites: readonly SiteView[]; onMerged: (message: string) => void }) {
  const t = useT();
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = sites.filter((s) => s.id !== site.id && !s.mergedInto).map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }));
  const chosen = sites.find((s) => s.id === target);
  async function merge() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ movedEvictions: number }>(`/api/sites/${site.id}/merge`, { intoSiteId: target });
      onMerged(t('siteEditor.merged', { count: r.movedEvictions }));
    } catch (e) {
      setError(errorMessage(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="site-editor" aria-labelledby="site-merge-title" data-testid="site-merge">
      <h2 id="site-merge-title">{t('siteEditor.mergeTitle')}</h2>
      <p class="muted">{t('siteEditor.mergeHint')}</p>
      <FormError message={error} />
      <SelectField label={t('siteEditor.mergeInto')} value={target} onValue={(v) => { setTarget(v); setConfirming(false); }}
        options={[{ value: '', label: t('siteEditor.choose') }, ...options]} />
      <div class="actions">
        {!confirming && (
          <Button variant="secondary" disabled={!target} onClick={() => setConfirming(true)} testId="site-merge-open">{t('siteEditor.merge')}</Button>
        )}
        {confirming && chosen && (
          <>
            <p role="status">{t('siteEditor.mergeConfirm', { from: `${site.code} — ${site.name}`, into: `${chosen.code} — ${chosen.name}` })}</p>
            <Button variant="danger" busy={busy} onClick={() => void merge()} testId="site-merge-confirm">{t('siteEditor.mergeNow')}</Button>
            <Button variant="link" onClick={() => setConfirming(false)}>{t('siteEditor.cancel')}</Button>
          </>
        )}
      </div>
    </section>
  );
}

/** On a merged site's page: undo the merge (exactly the evictions it moved go back). */
export function SiteUnmerge({ site, onDone }: { site: SiteView; onDone: (message: string) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function unmerge() {
    setBusy(true);
    try {
      const r = await api.post<{ movedBack: number }>(`/api/sites/${site.id}/unmerge`, {});
      onDone(t('siteEditor.unmerged', { count: r.movedBack }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="actions">
      <FormError message={error} />
      <Button variant="secondary" busy={busy} onClick={() => void unmerge()} testId="site-unmerge">{t('siteEditor.unmerge')}</Button>
    </div>
  );
}
