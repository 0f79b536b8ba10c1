import type { EvictionInput } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Term } from '../../../offline/types';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { termLabel, termsOf } from './format';

/** The legal basis as stated, word for word, and its normalised category. */
export function LegalBasisSection({ e, terms, patch }: { e: EvictionInput; terms: Term[] | undefined; patch: (p: Partial<EvictionInput>) => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details class="section" open={!!e.legalBasisText}>
      <summary>{t('field.eviction.legal')}</summary>
      <TextField label={t('field.eviction.legalText')} value={e.legalBasisText ?? ''} onValue={(v) => patch({ legalBasisText: v || null })} maxLength={2000} testId="legal-text" />
      <SelectField
        label={t('field.eviction.legalCategory')}
        value={e.legalBasisCategory ?? ''}
        onValue={(v) => patch({ legalBasisCategory: v || null })}
        options={[{ value: '', label: t('field.eviction.none') }, ...termsOf(terms, 'legal_basis_category').map((x) => ({ value: x.code, label: termLabel(x, x.code, locale) }))]}
      />
    </details>
  );
}
