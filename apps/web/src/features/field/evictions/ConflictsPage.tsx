import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { termLabeller } from './EvictionFacts';
import { changeSentences, longDateTime, type Wording } from './historySentences';
import { evictionsApi, type ConflictView, type EvictionPageView } from './evictionsApi';
import './records.css';

type Side = 'current' | 'proposed';

/**
 * A coordinator settles the versions two phones made of one eviction: each kept version is
 * shown field by field against the current record; one side is taken per field.
 */
export function ConflictsPage() {
  const t = useT();
  const locale = useLocale();
  const tt = t as (key: string, vars?: Record<string, unknown>) => string;
  const { params } = useRoute();
  const id = params.id!;
  const [page, setPage] = useState<EvictionPageView | null>(null);
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Record<string, Side>>>({});
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    try {
      const [p, c] = await Promise.all([evictionsApi.page(id), evictionsApi.conflicts(id)]);
      setPage(p);
      setConflicts(c);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), [id]);

  const term = termLabeller(page?.terms ?? [], locale);
  const wording: Wording = {
    locale, term,
    field: (f) => (f.startsWith('counts.') ? tt(`field.counts.${f.slice(7)}`) : null),
    words: {
      empty: t('records.eviction.empty'), yes: t('records.eviction.yes'), no: t('records.eviction.no'),
      seized: t('records.eviction.seized', { label: '{{label}}' }), destroyed: t('records.eviction.destroyed', { label: '{{label}}' }),
      noteAdded: t('records.eviction.noteAdded'), changed: t('records.eviction.changed'), created: t('records.eviction.created'),
      merged: t('records.eviction.merged', { count: '{{count}}' }),
      status: (c) => tt(`field.evictionStatus.${c}`), coverage: (c) => tt(`field.coverage.${c}`), interpreter: (c) => tt(`field.interpreter.${c}`),
    },
  };
  /** One side of a field, worded: the sentence of a change from nothing to that value. */
  const show = (field: string, value: unknown) => {
    const lines = changeSentences({ field, before: null, after: value as never }, wording);
    return lines.length ? lines.map((l) => l.replace(/ : [^→]*→ /, ' : ')).join(' ; ') : JSON.stringify(value);
  };

  async function resolve(c: ConflictView) {
    if (!page) return;
    setError(null);
    const take = Object.fromEntries(c.fields.map((f) => [f.field, choices[c.id]?.[f.field] ?? 'current']));
    try {
      const r = await evictionsApi.resolve(id, c.id, { version: page.eviction.version, take });
      setMessage(t('records.conflict.resolved', { version: r.version }));
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const open = (conflicts ?? []).filter((c) => !c.resolvedAt);
  return (
    <Screen title={t('records.conflict.title')}>
      <p><a href={`/evictions/${id}`}>← {page ? `${page.eviction.site.code} — ${page.eviction.site.name}` : ''}</a></p>
      <p>{t('records.conflict.intro')}</p>
      <FormError message={error} />
      <StatusMessage message={message} />
      {conflicts && open.length === 0 && <p class="muted" data-testid="no-conflicts">{t('records.conflict.none')}</p>}
      {(conflicts ?? []).map((c) => (
        <section key={c.id} data-testid="conflict">
          <h2>{t('records.conflict.sentBy', { name: c.sentBy.displayName, when: longDateTime(c.receivedAt, locale) })}</h2>
          {c.resolvedAt ? <p class="muted">{t('records.conflict.alreadyResolved', { name: c.resolvedByName ?? '?', when: longDateTime(c.resolvedAt, locale) })}</p> : (
            <>
              <table class="conflict-table">
                <thead><tr><th>{t('records.conflict.field')}</th><th>{t('records.conflict.current')}</th><th>{t('records.conflict.proposed')}</th></tr></thead>
                <tbody>
                  {c.fields.map((f) => {
                    const side = choices[c.id]?.[f.field] ?? 'current';
                    const pick = (s: Side) => setChoices({ ...choices, [c.id]: { ...choices[c.id], [f.field]: s } });
                    const label = wording.field(f.field) ?? (tt(`field.eviction.${f.field}`) !== `field.eviction.${f.field}` ? tt(`field.eviction.${f.field}`) : f.field);
                    return (
                      <tr key={f.field} data-testid="conflict-field">
                        <th scope="row">{label}</th>
                        <td><label><input type="radio" name={`${c.id}-${f.field}`} checked={side === 'current'} onChange={() => pick('current')} /> {show(f.field, f.current)}</label></td>
                        <td><label><input type="radio" name={`${c.id}-${f.field}`} checked={side === 'proposed'} onChange={() => pick('proposed')} data-testid="take-proposed" /> {show(f.field, f.proposed)}</label></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Button onClick={() => void resolve(c)} testId="conflict-resolve">{t('records.conflict.resolve')}</Button>
            </>
          )}
        </section>
      ))}
    </Screen>
  );
}
