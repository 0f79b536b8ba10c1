import type { RecordVersionView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { RecordHistory, useHistoryWording } from '../evictions/RecordHistory';
import '../evictions/records.css';

/** A site's versions, newest first, as sentences ("Nom : Hôpital → Hôpital de Calais, par Inès, …"). */
export function SiteHistory({ versions, names }: { versions: RecordVersionView[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const labels: Record<string, string> = {
    name: t('siteEditor.name'), aliases: t('siteEditor.aliases'), latitude: t('siteEditor.latitude'), longitude: t('siteEditor.longitude'),
    active: t('siteEditor.active'), notes: t('siteEditor.notes'), code: t('siteEditor.code'), mergedInto: t('siteEditor.mergedIntoField'),
  };
  const wording = useHistoryWording((f) => labels[f] ?? null, (_kind, code) => code);
  // Aliases read as a list and the site merged into by its name, never as raw values.
  const show = (field: string, x: unknown) => {
    if (field === 'mergedInto' && typeof x === 'string') return names.get(x) ?? x;
    if (Array.isArray(x)) return x.join(', ');
    return typeof x === 'number' && locale === 'fr' ? String(x).replace('.', ',') : x;
  };
  return <RecordHistory versions={versions} wording={wording} show={show} testId="site-history" />;
}
