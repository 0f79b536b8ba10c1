import { useT } from '../../../i18n';
import { Checkbox } from '../../../ui/Checkbox';
import { SelectField } from '../../../ui/SelectField';
import { forcePresenceOf, withForcePresence, type DashboardFilter, type ForcePresence } from './period';
import { PeriodPicker } from './PeriodPicker';
import type { FilterOptions } from './types';

const PRESENCES: readonly ForcePresence[] = ['any', 'present', 'absent'];

interface Props {
  filter: DashboardFilter;
  options: FilterOptions | null;
  canSeeDrafts: boolean;
  onChange: (f: DashboardFilter) => void;
}

/** Period (presets or custom days), area, commune, site and forces (each corps present, absent or either); each choice narrows the next lists. */
export function DashboardFilters({ filter, options, canSeeDrafts, onChange }: Props) {
  const t = useT();
  const all = { value: '', label: t('statistics.filters.all') };
  const communes = (options?.communes ?? []).filter((c) => !filter.areaCode || c.areaCode === filter.areaCode);
  const sites = (options?.sites ?? []).filter((s) => (!filter.areaCode || s.areaCode === filter.areaCode) && (!filter.communeInsee || s.communeInsee === filter.communeInsee));
  const set = (patch: Partial<DashboardFilter>) => onChange({ ...filter, ...patch });
  return (
    <form class="dashboard-filters" aria-label={t('statistics.filters.label')} onSubmit={(e) => e.preventDefault()} data-testid="dashboard-filters">
      <PeriodPicker filter={filter} onPeriod={(p) => set(p)} />
      <SelectField
        label={t('statistics.filters.area')}
        value={filter.areaCode ?? ''}
        options={[all, ...(options?.areas ?? []).map((a) => ({ value: a.code, label: a.name }))]}
        onValue={(v) => set({ areaCode: v || undefined, communeInsee: undefined, siteId: undefined })}
      />
      <SelectField
        label={t('statistics.filters.commune')}
        value={filter.communeInsee ?? ''}
        options={[all, ...communes.map((c) => ({ value: c.insee, label: c.name }))]}
        onValue={(v) => set({ communeInsee: v || undefined, siteId: undefined })}
      />
      <SelectField
        label={t('statistics.filters.site')}
        value={filter.siteId ?? ''}
        options={[all, ...sites.map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))]}
        onValue={(v) => set({ siteId: v || undefined })}
      />
      {(options?.forces.length ?? 0) > 0 && (
        // Each corps present, absent or either: "police nationale et BAC sans CRS" is two "présente" and one "absente".
        <fieldset class="dashboard-forces" data-testid="force-filter">
          <legend>{t('forceFigures.filter.legend')}</legend>
          {options!.forces.map((f) => (
            <SelectField
              key={f.code}
              label={f.label}
              value={forcePresenceOf(filter, f.code)}
              options={PRESENCES.map((p) => ({ value: p, label: t(`forceFigures.filter.${p}`) }))}
              onValue={(v) => onChange(withForcePresence(filter, f.code, v as ForcePresence))}
            />
          ))}
        </fieldset>
      )}
      {canSeeDrafts && (
        <Checkbox label={t('statistics.filters.drafts')} checked={Boolean(filter.includeDrafts)} onChecked={(v) => set({ includeDrafts: v || undefined })} />
      )}
    </form>
  );
}
