import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { collect, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import type { AreaView, CommuneView } from './types';

/**
 * Areas (Calaisis, Dunkerquois…) and the communes in each. An area is deactivated, never
 * deleted; a commune joins an area by its INSEE code, named from the official list.
 */
export function AreasSection({ areas, communes, onChanged }: { areas: AreaView[]; communes: CommuneView[]; onChanged: () => void }) {
  const t = useT();
  return (
    <section aria-labelledby="areas-title">
      <h2 id="areas-title">{t('taxonomies.kinds.areas')}</h2>
      <ul class="term-list" data-testid="areas">
        {areas.map((a) => (
          <AreaItem key={a.id} area={a} communes={communes.filter((c) => c.areaId === a.id)} onChanged={onChanged} />
        ))}
      </ul>
      <NewAreaForm onSaved={onChanged} />
    </section>
  );
}

function AreaItem({ area, communes, onChanged }: { area: AreaView; communes: CommuneView[]; onChanged: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(area.name);
  const [active, setActive] = useState(area.active);
  const form = useForm<'name'>();
  const save = form.onSubmit(
    () => collect({ name: required(name) }),
    async () => {
      await api.put(`/api/areas/${area.code}`, { name: name.trim(), active });
      setEditing(false);
      onChanged();
    },
  );
  return (
    <li class="term-item" data-testid="area-row">
      <div class="term-head">
        <strong>{area.name}</strong>
        <code>{area.code}</code>
        {!area.active && <span class="chip chip-draft">{t('taxonomies.inactive')}</span>}
        {!editing && <Button variant="secondary" onClick={() => setEditing(true)}>{t('taxonomies.edit')}</Button>}
      </div>
      {editing && (
        <form ref={form.formRef} onSubmit={save} noValidate class="term-form">
          <FormError message={form.formError} />
          <TextField label={t('taxonomies.areaName')} value={name} onValue={setName} maxLength={120} required error={form.errors.name} />
          <Checkbox label={t('taxonomies.activeLabel')} checked={active} onChecked={setActive} />
          <div class="form-actions">
            <Button type="submit" busy={form.busy}>{t('taxonomies.save')}</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>{t('taxonomies.cancel')}</Button>
          </div>
        </form>
      )}
      <p class="muted">{communes.length ? communes.map((c) => `${c.name} (${c.inseeCode})`).join(', ') : t('taxonomies.noCommunes')}</p>
      <NewCommuneForm areaCode={area.code} onSaved={onChanged} />
    </li>
  );
}

function NewAreaForm({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const form = useForm<'code' | 'name'>();
  const submit = form.onSubmit(
    () => collect({ name: required(name), code: /^[a-z0-9_-]{1,40}$/.test(code) ? undefined : t('taxonomies.areaCodeFormat') }),
    async () => {
      await api.post('/api/areas', { code, name: name.trim() });
      setCode('');
      setName('');
      onSaved();
    },
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate class="term-form">
      <h3>{t('taxonomies.addArea')}</h3>
      <FormError message={form.formError} />
      <TextField label={t('taxonomies.areaName')} value={name} onValue={setName} maxLength={120} required error={form.errors.name} />
      <TextField label={t('taxonomies.code')} value={code} onValue={setCode} maxLength={40} hint={t('taxonomies.areaCodeFormat')} error={form.errors.code} spellcheck={false} />
      <Button type="submit" busy={form.busy}>{t('taxonomies.add')}</Button>
    </form>
  );
}

function NewCommuneForm({ areaCode, onSaved }: { areaCode: string; onSaved: () => void }) {
  const t = useT();
  const [insee, setInsee] = useState('');
  const [name, setName] = useState('');
  const form = useForm<'inseeCode' | 'name'>();
  const submit = form.onSubmit(
    () => collect({ inseeCode: /^[0-9][0-9AB][0-9]{3}$/.test(insee.trim()) ? undefined : t('taxonomies.inseeFormat'), name: undefined }),
    async () => {
      await api.post('/api/communes', { inseeCode: insee.trim(), areaCode, ...(name.trim() && { name: name.trim() }) });
      setInsee('');
      setName('');
      onSaved();
    },
  );
  return (
    <details class="commune-add">
      <summary>{t('taxonomies.addCommune')}</summary>
      <form ref={form.formRef} onSubmit={submit} noValidate class="term-form">
        <FormError message={form.formError} />
        <TextField label={t('taxonomies.insee')} value={insee} onValue={setInsee} inputMode="numeric" maxLength={5} error={form.errors.inseeCode} />
        <TextField label={t('taxonomies.communeName')} value={name} onValue={setName} maxLength={120} hint={t('taxonomies.communeNameHint')} error={form.errors.name} />
        <Button type="submit" busy={form.busy}>{t('taxonomies.add')}</Button>
      </form>
    </details>
  );
}
