import { useEffect, useState } from 'preact/hooks';
import { formatMonthName, formatPeriod } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { SelectField } from '../../../ui/SelectField';
import { StatusMessage } from '../../../ui/FormError';
import { lastMonth } from '../bulletins/bulletinApi';
import { monthPeriod, yearPeriod, yearsOffered } from '../dashboard/periodChoice';

type Kind = 'lastMonth' | 'month' | 'year';

/**
 * What the embedded page shows (a month or a year, an area, a language), a live preview of it,
 * and the embed code with a "Copier le code" button. The choices travel in the page's address,
 * which the public routes read (from, to, areaCode, lang).
 */
export function PublicPageEmbed({ base, title }: { base: string; title: string }) {
  const t = useT();
  const locale = useLocale();
  const [areas, setAreas] = useState<{ code: string; name: string }[]>([]);
  const [kind, setKind] = useState<Kind>('lastMonth');
  const last = lastMonth();
  const [year, setYear] = useState(Number(last.slice(0, 4)));
  const [month, setMonth] = useState(Number(last.slice(5, 7)));
  const [areaCode, setAreaCode] = useState('');
  const [lang, setLang] = useState<'fr' | 'en'>(locale);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ areas: { code: string; name: string }[] }>('/api/statistics/filters').then((r) => setAreas(r.areas), () => setAreas([]));
  }, []);
  const period = kind === 'year' ? yearPeriod(year) : kind === 'month' ? monthPeriod(year, month) : null;
  const params = new URLSearchParams({ ...(period ?? {}), ...(areaCode ? { areaCode } : {}), lang });
  const src = `${base}/statistics.html?${params}`;
  const code = `<iframe src="${src}" title="${title}" width="100%" height="600" style="border:0"></iframe>`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(t('office.publicPage.copied'));
    } catch {
      setStatus(t('office.publicPage.copyFailed'));
    }
  }
  const years = yearsOffered().map((y) => ({ value: String(y), label: String(y) }));
  return (
    <section class="card" aria-labelledby="public-embed-title" data-testid="public-embed">
      <h2 id="public-embed-title">{t('office.publicPage.choose')}</h2>
      <div class="dashboard-filters">
        <SelectField label={t('office.publicPage.period')} value={kind} onValue={(v) => setKind(v as Kind)}
          options={(['lastMonth', 'month', 'year'] as const).map((k) => ({ value: k, label: t(`office.publicPage.periods.${k}`) }))} />
        {kind === 'month' && (
          <SelectField label={t('office.publicPage.month')} value={String(month)} onValue={(v) => setMonth(Number(v))}
            options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: formatMonthName(`2000-${String(i + 1).padStart(2, '0')}`, locale) }))} />
        )}
        {kind !== 'lastMonth' && <SelectField label={t('office.publicPage.year')} value={String(year)} onValue={(v) => setYear(Number(v))} options={years} />}
        <SelectField label={t('office.publicPage.area')} value={areaCode} onValue={setAreaCode}
          options={[{ value: '', label: t('office.publicPage.allAreas') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]} />
        <SelectField label={t('office.publicPage.lang')} value={lang} onValue={(v) => setLang(v as 'fr' | 'en')}
          options={[{ value: 'fr', label: t('language.fr') }, { value: 'en', label: t('language.en') }]} />
      </div>
      {period && <p class="muted">{t('office.publicPage.chosen', { period: formatPeriod(period.from, period.to, locale) })}</p>}
      <label for="public-embed">{t('publicStats.embed')}</label>
      <textarea id="public-embed" readOnly rows={3} class="code" value={code} data-testid="public-embed-code" />
      <p>
        <button type="button" class="btn btn-secondary" onClick={() => void copy()} data-testid="public-embed-copy">{t('office.publicPage.copy')}</button>
      </p>
      <StatusMessage message={status} />
      <h3>{t('office.publicPage.preview')}</h3>
      <iframe src={src} title={t('office.publicPage.previewTitle')} width="100%" height="500" style="border:1px solid var(--line)" data-testid="public-preview" />
    </section>
  );
}
