import type { RecordVersionView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { versionSentences, type Wording } from '../evictions/historySentences';
import '../evictions/records.css';

/** A site's versions, newest first, as sentences ("Nom : Hôpital → Hôpital de Calais, par Inès, …"). */
export function SiteHistory({ versions, names }: { versions: RecordVersionView[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const labels: Record<string, string> = {
    name: t('siteEditor.name'), aliases: t('siteEditor.aliases'), latitude: t('siteEditor.latitude'), longitude: t('siteEditor.longitude'),
    active: t('siteEditor.active'), notes: t('siteEditor.notes'), code: t('siteEditor.code'), mergedInto: t('siteEditor.mergedIntoField'),
  };
  const wording: Wording = {
    locale,
    field: (f) => labels[f] ?? null,
    term: (_kind, code) => code,
    words: {
      empty: t('records.eviction.empty'), yes: t('records.eviction.yes'), no: t('records.eviction.no'), seized: '', destroyed: '',
      noteAdded: t('records.eviction.noteAdded'), changed: t('records.eviction.changed'), created: t('records.eviction.created'), merged: '',
      status: (c) => c, coverage: (c) => c, interpreter: (c) => c,
    },
  };
  // Aliases read as a list and the site merged into by its name, never as raw values.
  const readable = (v: RecordVersionView): RecordVersionView => ({
    ...v,
    changes: v.changes.map((c) => {
      const show = (x: unknown) => {
        if (c.field === 'mergedInto' && typeof x === 'string') return names.get(x) ?? x;
        if (Array.isArray(x)) return x.join(', ');
        return typeof x === 'number' && locale === 'fr' ? String(x).replace('.', ',') : x;
      };
      return { ...c, before: show(c.before) as typeof c.before, after: show(c.after) as typeof c.after };
    }),
  });
  const byWho = (name: string, when: string) => t('records.eviction.by', { name, when });
  return (
    <ol class="history" data-testid="site-history" reversed>
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <ul>{versionSentences(readable(v), wording, byWho).map((s, i) => <li key={i}>{s}</li>)}</ul>
        </li>
      ))}
    </ol>
  );
}
