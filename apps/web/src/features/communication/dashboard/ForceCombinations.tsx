import { useEffect, useState } from 'preact/hooks';
import { formatFigure } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { FormError } from '../../../ui/FormError';
import { toQuery, withForceCombination, type DashboardFilter } from './period';
import type { BreakdownRow } from './types';

/**
 * Evictions by the combination of corps present together ("police nationale et BAC": 4), each
 * eviction in exactly one row, so the rows add up to the evictions of the period. A row narrows
 * the whole dashboard to that combination alone (its corps present, every other corps absent).
 */
export function ForceCombinations({ filter, allCorps, onChange }: { filter: DashboardFilter; allCorps: string[]; onChange: (f: DashboardFilter) => void }) {
  const t = useT();
  const locale = useLocale();
  const query = toQuery(filter, { by: 'forceCombination' });
  const [rows, setRows] = useState<BreakdownRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    api.get<{ rows: BreakdownRow[] }>(`/api/statistics/breakdown?${query}`)
      .then((b) => live && setRows(b.rows), (e) => live && setError(errorMessage(e)));
    return () => { live = false; };
  }, [query, locale]);
  return (
    <section aria-labelledby="force-combinations-title">
      <h3 id="force-combinations-title">{t('forceFigures.combinations.title')}</h3>
      <FormError message={error} />
      {rows && rows.length === 0 && <p class="muted">{t('statistics.noEvictions')}</p>}
      {rows && rows.length > 0 && (
        <table class="force-combinations" data-testid="force-combinations">
          <thead>
            <tr>
              <th scope="col">{t('forceFigures.combinations.forces')}</th>
              <th scope="col">{t('forceFigures.combinations.evictions')}</th>
              <th scope="col"><span class="visually-hidden">{t('forceFigures.combinations.narrow')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="force-combination">
                <th scope="row">{r.label}</th>
                <td class="figure-cell">{formatFigure(r, locale)}</td>
                <td>
                  <button type="button" onClick={() => onChange(withForceCombination(filter, r.key.split('+').filter(Boolean), allCorps))}>
                    {t('forceFigures.combinations.narrow')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
