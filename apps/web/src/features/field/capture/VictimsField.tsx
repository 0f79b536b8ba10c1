import { useT } from '../../../i18n';
import { newId } from '../../../offline/store';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { Segmented } from './controls';
import { ageBracketOf, minorOf, nextVictim, type AgeBracket, type Victim } from './incident-rules';

const BRACKETS = ['minor', 'adult', 'unknown'] as const;

/** Victims by pseudonym and age bracket only: no name, no photo of a face, nothing that identifies. */
export function VictimsField({ victims, onVictims, problemOf }: { victims: Victim[]; onVictims: (v: Victim[]) => void; problemOf: (field: string) => string | null }) {
  const t = useT();
  const set = (n: number, v: Victim) => onVictims(victims.map((x, j) => (j === n ? v : x)));
  return (
    <section class="section" data-testid="victims">
      <h2>{t('field.incident.victims')} ({victims.length})</h2>
      {victims.map((v, n) => (
        <fieldset key={v.id} class="force" data-testid={`victim-${n}`}>
          <legend>{v.pseudonym || t('field.incident.victim')}</legend>
          <TextField label={t('field.incident.pseudonym')} hint={t('field.incident.pseudonymHint')} value={v.pseudonym} onValue={(pseudonym) => set(n, { ...v, pseudonym: pseudonym.slice(0, 60) })} maxLength={60} error={problemOf(`victims.${n}.pseudonym`)} testId={`victim-${n}-pseudonym`} />
          <Segmented label={t('field.incident.age')} value={ageBracketOf(v.minor)} options={BRACKETS.map((b) => [b, t(`field.incident.ageBracket.${b}`)] as const)} onValue={(b: AgeBracket) => set(n, { ...v, minor: minorOf(b) })} testId={`victim-${n}-age`} />
          <Button variant="danger" onClick={() => onVictims(victims.filter((_, j) => j !== n))} testId={`victim-${n}-remove`}>
            {t('field.incident.removeVictim')}
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => onVictims([...victims, nextVictim(newId(), victims, t('field.incident.defaultPseudonym'))])} testId="victim-add">
        {t('field.incident.addVictim')}
      </Button>
    </section>
  );
}
