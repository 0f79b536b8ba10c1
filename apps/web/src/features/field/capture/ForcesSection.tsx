import { useState } from 'preact/hooks';
import type { ForcePresence } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Term } from '../../../offline/types';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { CountStepper } from './controls';
import { termLabel, termsOf } from './format';

/** Forces present: corps, unit, officers, vehicles by type, visible weapons. */
export function ForcesSection({ terms, forces, onForces }: { terms: Term[]; forces: ForcePresence[]; onForces: (f: ForcePresence[]) => void }) {
  const t = useT();
  return (
    <details class="section" open={forces.length > 0}>
      <summary>{t('field.eviction.forces')} ({forces.length})</summary>
      <Forces terms={terms} forces={forces} onForces={onForces} />
    </details>
  );
}

function Forces({ terms, forces, onForces }: { terms: Term[]; forces: ForcePresence[]; onForces: (f: ForcePresence[]) => void }) {
  const t = useT();
  const corps = termsOf(terms, 'force_corps');
  const set = (i: number, f: ForcePresence) => onForces(forces.map((x, j) => (j === i ? f : x)));
  return (
    <div>
      {forces.map((f, i) => (
        <ForceFields key={i} index={i} force={f} corps={corps} vehicles={termsOf(terms, 'vehicle_type')} onForce={(next) => set(i, next)} onRemove={() => onForces(forces.filter((_, j) => j !== i))} />
      ))}
      {corps.length > 0 && (
        <Button variant="secondary" onClick={() => onForces([...forces, { corps: corps[0]!.code, unit: null, vehicles: [], officers: null, weapons: [] }])} testId="force-add">
          {t('field.force.add')}
        </Button>
      )}
    </div>
  );
}

function ForceFields({ index: i, force: f, corps, vehicles, onForce, onRemove }: {
  index: number;
  force: ForcePresence;
  corps: Term[];
  vehicles: Term[];
  onForce: (f: ForcePresence) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <fieldset class="force" data-testid={`force-${i}`}>
      <legend>{termLabel(corps.find((c) => c.code === f.corps), f.corps, locale)}</legend>
      <SelectField label={t('field.force.corps')} value={f.corps} onValue={(v) => onForce({ ...f, corps: v })} options={corps.map((c) => ({ value: c.code, label: termLabel(c, c.code, locale) }))} />
      <TextField label={t('field.force.unit')} value={f.unit ?? ''} onValue={(v) => onForce({ ...f, unit: v || null })} maxLength={60} />
      <CountStepper label={t('field.force.officers')} value={f.officers} onValue={(c) => onForce({ ...f, officers: c })} testId={`force-${i}-officers`} />
      <h3>{t('field.force.vehicles')}</h3>
      {vehicles.map((v) => {
        const cur = f.vehicles.find((x) => x.type === v.code);
        return (
          <CountStepper
            key={v.code}
            label={termLabel(v, v.code, locale)}
            value={cur ? { n: cur.n, atLeast: false } : null}
            atLeastToggle={false}
            onValue={(c) => {
              const rest = f.vehicles.filter((x) => x.type !== v.code);
              onForce({ ...f, vehicles: c ? [...rest, { type: v.code, n: Math.min(1000, c.n) }] : rest });
            }}
            testId={`force-${i}-vehicle-${v.code}`}
          />
        );
      })}
      <WeaponsField weapons={f.weapons} onWeapons={(weapons) => onForce({ ...f, weapons })} />
      <Button variant="danger" onClick={onRemove}>
        {t('field.force.remove')}
      </Button>
    </fieldset>
  );
}

/** Free text "FN, LBD" kept as typed, stored as a list. */
function WeaponsField({ weapons, onWeapons }: { weapons: string[]; onWeapons: (w: string[]) => void }) {
  const t = useT();
  const [text, setText] = useState(weapons.join(', '));
  return (
    <TextField
      label={t('field.force.weapons')}
      value={text}
      onValue={(v) => {
        setText(v);
        onWeapons(v.split(',').map((w) => w.trim().slice(0, 60)).filter(Boolean).slice(0, 20));
      }}
    />
  );
}
