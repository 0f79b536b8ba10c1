import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatMonthName } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { SelectField } from '../../../ui/SelectField';
import { describedBy } from '../../../ui/field';
import { PRESETS, presetOf, presetPeriod, type DashboardFilter, type Preset } from './period';
import { checkRange, modeOf, monthPeriod, quarterPeriod, yearPeriod, yearsOffered, type PeriodMode, type RangeProblem } from './periodChoice';

type Period = { from: string; to: string };

/**
 * The dashboard's period: a shortcut, any past month, quarter or year by name, or two typed
 * dates applied on "Appliquer" or on leaving a field — never one request per keystroke, and
 * never a half-typed year (0024) sent to the server: what is wrong is said beside the field.
 */
export function PeriodPicker({ filter, onPeriod }: { filter: DashboardFilter; onPeriod: (p: Period) => void }) {
  const t = useT();
  const locale = useLocale();
  const preset = presetOf(filter);
  const [mode, setMode] = useState<PeriodMode>(() => modeOf(filter.from, filter.to, preset !== 'custom'));
  const year = Number(filter.from.slice(0, 4));
  const month = Number(filter.from.slice(5, 7));
  const years = yearsOffered().map((y) => ({ value: String(y), label: String(y) }));

  function chooseMode(m: PeriodMode) {
    setMode(m);
    // Switching picker keeps the year in view: "Un mois" opens on the month the period starts.
    if (m === 'month') onPeriod(monthPeriod(year, month));
    if (m === 'quarter') onPeriod(quarterPeriod(year, Math.floor((month - 1) / 3) + 1));
    if (m === 'year') onPeriod(yearPeriod(year));
  }

  return (
    <div class="period-picker" data-testid="period-picker">
      <SelectField label={t('office.period.kind')} value={mode} onValue={(v) => chooseMode(v as PeriodMode)}
        options={(['preset', 'month', 'quarter', 'year', 'custom'] as const).map((m) => ({ value: m, label: t(`office.period.kinds.${m}`) }))} />
      {mode === 'preset' && (
        <SelectField label={t('office.period.shortcut')} value={preset === 'custom' ? '' : preset}
          options={[...(preset === 'custom' ? [{ value: '', label: '—' }] : []), ...PRESETS.map((p) => ({ value: p, label: t(`statistics.presets.${p}`) }))]}
          onValue={(v) => v && onPeriod(presetPeriod(v as Preset))} />
      )}
      {mode === 'month' && (
        <SelectField label={t('office.period.month')} value={String(month)}
          options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: formatMonthName(`2000-${String(i + 1).padStart(2, '0')}`, locale) }))}
          onValue={(v) => onPeriod(monthPeriod(year, Number(v)))} />
      )}
      {mode === 'quarter' && (
        <SelectField label={t('office.period.quarter')} value={String(Math.floor((month - 1) / 3) + 1)}
          options={(['1', '2', '3', '4'] as const).map((q) => ({ value: q, label: t(`office.period.quarters.${q}`) }))}
          onValue={(v) => onPeriod(quarterPeriod(year, Number(v)))} />
      )}
      {(mode === 'month' || mode === 'quarter' || mode === 'year') && (
        <SelectField label={t('office.period.year')} value={String(year)} options={years}
          onValue={(v) => {
            const y = Number(v);
            onPeriod(mode === 'month' ? monthPeriod(y, month) : mode === 'quarter' ? quarterPeriod(y, Math.floor((month - 1) / 3) + 1) : yearPeriod(y));
          }} />
      )}
      {mode === 'custom' && <CustomRange period={filter} onPeriod={onPeriod} />}
    </div>
  );
}

function CustomRange({ period, onPeriod }: { period: Period; onPeriod: (p: Period) => void }) {
  const t = useT();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problems, setProblems] = useState<RangeProblem[]>([]);
  // The range this form applied itself: when the address catches up with it, the person may
  // already be typing the other date, which must not be overwritten.
  const applied = useRef<string | null>(null);
  // Only a change of the address after mounting resets the drafts: an effect runs after the first
  // paint, and resetting to the initial values then would undo a date typed in between.
  const shown = useRef(`${period.from}/${period.to}`);
  useEffect(() => {
    const now = `${period.from}/${period.to}`;
    if (shown.current === now) return;
    shown.current = now;
    if (applied.current === now) return;
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);

  function apply() {
    const found = checkRange(from, to);
    setProblems(found);
    if (found.length === 0 && (from !== period.from || to !== period.to)) {
      applied.current = `${from}/${to}`;
      onPeriod({ from, to });
    }
  }
  const problemOf = (field: 'from' | 'to') => {
    const p = problems.find((x) => x.field === field);
    return p ? t(`office.period.problems.${p.problem}`) : null;
  };
  const pending = from !== period.from || to !== period.to;
  return (
    <>
      <RangeDate label={t('office.period.from')} value={from} onValue={setFrom} onLeave={apply} error={problemOf('from')} testId="filter-from" />
      <RangeDate label={t('office.period.to')} value={to} onValue={setTo} onLeave={apply} error={problemOf('to')} testId="filter-to" />
      <div class="field">
        <button type="submit" class="btn btn-secondary" onClick={(e) => { e.preventDefault(); apply(); }} data-testid="period-apply">{t('office.period.apply')}</button>
      </div>
      {pending && problems.length === 0 && <p class="field-hint period-pending">{t('office.period.pending')}</p>}
    </>
  );
}

function RangeDate({ label, value, onValue, onLeave, error, testId }: { label: string; value: string; onValue: (v: string) => void; onLeave: () => void; error: string | null; testId: string }) {
  const id = useId();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {/* onInput only keeps the draft: the range is applied on leaving the field or on "Appliquer". */}
      <input id={id} type="date" value={value} min="2000-01-01" onInput={(e) => onValue(e.currentTarget.value)} onBlur={onLeave}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, null, error)} data-testid={testId} />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
