import { CITABLE_METRIC_CODES, FIGURE_PARTS, FINDINGS, findingLabel, metricLabel, type CitableMetric, type MetricCode } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { SelectField } from '../../../ui/SelectField';
import type { FigureSetLine } from './figureSetApi';

export type Corps = { code: string; label: string };
type Presence = 'none' | 'present' | 'absent';
const PRESENCES: readonly Presence[] = ['none', 'present', 'absent'];

/** What the editor can tell before asking the server: a forces line needs a corps present. */
export function lineProblem(line: FigureSetLine): 'noForcePresent' | null {
  return line.forces && line.forces.present.length === 0 ? 'noForcePresent' : null;
}

/**
 * One line of a figure set: a figure and its part; a forces line ("dont M menées par la police
 * nationale et la BAC sans CRS": each corps present, absent or not named); or a findings line
 * (a yes/no finding the bulletin dates: "Les 9, 13 et 21 avril, une distribution alimentaire…").
 * The figures offered include the outreach rounds' (rounds held, people met, needs), which stand alone.
 */
export function FigureSetLineEditor({ line, index, corps, onLine }: { line: FigureSetLine; index: number; corps: Corps[]; onLine: (patch: Partial<FigureSetLine>) => void }) {
  const t = useT();
  const locale = useLocale() === 'en' ? 'en' : 'fr';
  const label = (code: string) => metricLabel(code as CitableMetric, locale);
  if (line.finding !== undefined) {
    return (
      <SelectField label={t('figureSets.finding')} value={line.finding}
        options={FINDINGS.map((f) => ({ value: f, label: findingLabel(f)[locale] }))}
        onValue={(finding) => onLine({ finding })} />
    );
  }
  if (line.forces) {
    const forces = line.forces;
    const presence = (code: string): Presence => (forces.present.includes(code) ? 'present' : forces.absent.includes(code) ? 'absent' : 'none');
    const setPresence = (code: string, p: Presence) => {
      const present = forces.present.filter((c) => c !== code);
      const absent = forces.absent.filter((c) => c !== code);
      onLine({ forces: { present: p === 'present' ? [...present, code] : present, absent: p === 'absent' ? [...absent, code] : absent } });
    };
    const problem = lineProblem(line);
    return (
      <fieldset class="figure-set-forces" data-testid={`figure-set-forces-${index}`}>
        <legend>{t('figureSets.forcesLegend')}</legend>
        <p class="field-hint">{t('figureSets.forcesHint')}</p>
        {corps.map((c) => (
          <SelectField key={c.code} label={c.label} value={presence(c.code)}
            options={PRESENCES.map((p) => ({ value: p, label: t(`figureSets.corps.${p}`) }))}
            onValue={(p) => setPresence(c.code, p as Presence)} />
        ))}
        {problem && <p class="field-error" role="alert" data-testid="figure-set-line-error">{t('figureSets.noForcePresent')}</p>}
      </fieldset>
    );
  }
  return (
    <>
      <SelectField label={t('figureSets.metric')} value={line.metric} options={CITABLE_METRIC_CODES.map((code) => ({ value: code, label: label(code) }))}
        onValue={(metric) => onLine({ metric, part: null })} />
      <SelectField label={t('figureSets.part')} value={line.part ?? ''}
        options={[{ value: '', label: t('figureSets.noPart') }, ...(FIGURE_PARTS[line.metric as MetricCode] ?? []).map((p) => ({ value: p, label: label(p) }))]}
        onValue={(part) => onLine({ part: part || null })} />
      <label class="check">
        <input type="checkbox" checked={line.showZero ?? false} onChange={(e) => onLine({ showZero: e.currentTarget.checked || undefined })} />
        {t('figureSets.showZero')}
      </label>
    </>
  );
}
