import type { EvictionInput } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Segmented, TriState } from './controls';

const FLAGS = ['bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution', 'peopleMovingBack'] as const;
const INTERPRETER = ['unknown', 'absent', 'present', 'used'] as const;

/** Interpreter, bailiff, cleaning company, social assessment, shelter, food, people moving back. */
export function FindingsSection({ e, patch }: { e: EvictionInput; patch: (p: Partial<EvictionInput>) => void }) {
  const t = useT();
  return (
    <details class="section">
      <summary>{t('field.eviction.findings')}</summary>
      <Segmented
        label={t('field.interpreter.label')}
        value={e.interpreter}
        options={INTERPRETER.map((v) => [v, t(`field.interpreter.${v}`)] as const)}
        onValue={(interpreter) => patch({ interpreter })}
        testId="interpreter"
      />
      {FLAGS.map((f) => (
        <TriState key={f} label={t(`field.flags.${f}`)} value={e[f]} onValue={(v) => patch({ [f]: v })} testId={`flag-${f}`} />
      ))}
    </details>
  );
}
