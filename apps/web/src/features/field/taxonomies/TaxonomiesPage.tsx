import { useEffect, useState } from 'preact/hooks';
import type { TaxonomyKind } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { refreshReference } from '../../../offline/sync';
import { hasPermission, useUser } from '../../identity/auth/session';
import { useT } from '../../../i18n';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { AreasSection } from './AreasSection';
import { EditTermForm, NewTermForm } from './TermForm';
import { KINDS, type Taxonomies, type TermView } from './types';
import './taxonomies.css';

type Shown = TaxonomyKind | 'areas';

/**
 * The lists observers pick from, edited by coordinators: add a value, rename it in French and
 * English, deactivate it (it leaves the capture app but stays readable in old records).
 */
export function TaxonomiesPage() {
  const t = useT();
  const user = useUser();
  const [data, setData] = useState<Taxonomies | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<Shown>('item_type');
  const [editing, setEditing] = useState<string | null>(null);
  const load = () => api.get<Taxonomies>('/api/taxonomies').then(setData, (e) => setError(errorMessage(e)));
  const changed = () => {
    void load();
    // This device's capture app keeps the lists for hours: give it the new ones now. (Other
    // phones get them at their next refresh of the lists.)
    if (hasPermission(user, 'field.record')) void refreshReference(true).catch(() => undefined);
  };
  useEffect(() => void load(), []);

  const terms = (data?.terms ?? []).filter((x) => x.kind === kind);
  const saved = (term: TermView, message: 'taxonomies.saved' | 'taxonomies.added') => {
    setEditing(null);
    setStatus(t(message, { label: term.labelFr }));
    changed();
  };
  return (
    <Screen title={t('taxonomies.title')}>
      <AdminTabs />
      <p class="muted">{t('taxonomies.intro')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      <SelectField
        label={t('taxonomies.list')}
        value={kind}
        onValue={(v) => {
          setKind(v as Shown);
          setEditing(null);
          setStatus(null);
        }}
        options={[...KINDS.map((k) => ({ value: k, label: t(`taxonomies.kinds.${k}`) })), { value: 'areas', label: t('taxonomies.kinds.areas') }]}
      />
      {data && kind === 'areas' && <AreasSection areas={data.areas} communes={data.communes} onChanged={changed} />}
      {data && kind !== 'areas' && (
        <section aria-labelledby="terms-title">
          <h2 id="terms-title">{t(`taxonomies.kinds.${kind}`)}</h2>
          <ul class="term-list" data-testid="terms">
            {terms.map((term) => (
              <li key={term.code} class="term-item" data-testid="term-row" data-code={term.code}>
                <div class="term-head">
                  <strong>{term.labelFr}</strong>
                  <span lang="en">{term.labelEn}</span>
                  <code>{term.code}</code>
                  {!term.active && <span class="chip chip-draft">{t('taxonomies.inactive')}</span>}
                  {editing !== term.code && (
                    <Button variant="secondary" onClick={() => setEditing(term.code)} ariaLabel={`${t('taxonomies.edit')} ${term.labelFr}`} testId="term-edit-open">
                      {t('taxonomies.edit')}
                    </Button>
                  )}
                </div>
                {editing === term.code && <EditTermForm term={term} onSaved={(x) => saved(x, 'taxonomies.saved')} onCancel={() => setEditing(null)} />}
              </li>
            ))}
          </ul>
          <NewTermForm kind={kind} onSaved={(x) => saved(x, 'taxonomies.added')} />
        </section>
      )}
    </Screen>
  );
}
