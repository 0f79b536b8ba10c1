import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { useFormats } from '../../../ui/formats';
import { pressApi, type PressReleaseSummaryView } from '../press-releases/pressReleasesApi';
import { ClippingRow } from './ClippingRow';
import { monitoringApi, type ClippingView, type MonitoringRuleView, type MonitoringSourceView } from './monitoringApi';

/** The media monitoring desk: clippings grouped by story with search, the sources with their health, the keyword rules. */
export function MonitoringPage() {
  const t = useT();
  const [tab, setTab] = useState<'clippings' | 'sources' | 'rules'>('clippings');
  return (
    <Screen title={t('monitoring.title')}>
      <p class="lead">{t('monitoring.lead')}</p>
      <p><a href="/communication">{t('monitoring.back')}</a></p>
      <div class="view-switch" role="group" aria-label={t('monitoring.title')}>
        {(['clippings', 'sources', 'rules'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={tab === k} data-testid={`monitoring-tab-${k}`} onClick={() => setTab(k)}>
            {t(`monitoring.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'clippings' && <Clippings />}
      {tab === 'sources' && <Sources />}
      {tab === 'rules' && <Rules />}
    </Screen>
  );
}

function Clippings() {
  const t = useT();
  const [q, setQ] = useState('');
  const [clippings, setClippings] = useState<ClippingView[] | null>(null);
  const [releases, setReleases] = useState<PressReleaseSummaryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = (query: string) => monitoringApi.clippings(query ? { q: query } : {}).then(setClippings, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(''); pressApi.list().then(setReleases, () => setReleases([])); }, []);
  const stories = new Map<string, ClippingView[]>();
  for (const c of clippings ?? []) stories.set(c.storyId, [...(stories.get(c.storyId) ?? []), c]);
  const replace = (c: ClippingView) => setClippings((all) => (all ?? []).map((x) => (x.id === c.id ? c : x)));
  return (
    <section aria-labelledby="monitoring-clippings">
      <h2 id="monitoring-clippings">{t('monitoring.tabs.clippings')}</h2>
      <form class="card" role="search" onSubmit={(e) => { e.preventDefault(); void load(q); }}>
        <TextField label={t('monitoring.search.label')} hint={t('monitoring.search.hint')} value={q} onValue={setQ} maxLength={300} testId="monitoring-search" />
        <Button type="submit">{t('monitoring.search.submit')}</Button>
      </form>
      <FormError message={error} />
      {clippings && clippings.length === 0 && <p class="muted">{t('monitoring.clippings.none')}</p>}
      {[...stories.entries()].map(([storyId, group]) => (
        <div key={storyId} class="card story" data-testid="story">
          {group.length > 1 || group[0]!.storySize > 1 ? <p class="chip">{t('monitoring.story.outlets', { n: String(group[0]!.storySize) })}</p> : null}
          {group.map((c) => <ClippingRow key={c.id} clipping={c} onChange={replace} releases={releases} />)}
        </div>
      ))}
    </section>
  );
}

function Sources() {
  const t = useT();
  const f = useFormats();
  const [sources, setSources] = useState<MonitoringSourceView[] | null>(null);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => monitoringApi.sources().then(setSources, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  async function add(e: Event) {
    e.preventDefault();
    setError(null);
    try { await monitoringApi.addSource({ name, url }); setName(''); setUrl(''); await load(); } catch (err) { setError(errorMessage(err)); }
  }
  async function poll(id: string) {
    setBusy(id); setError(null); setNotice(null);
    try {
      const { result } = await monitoringApi.poll(id);
      setNotice(result.status === 'failed' ? null : t(`monitoring.poll.${result.status}`, { items: String(result.items), clippings: String(result.clippings) }));
      await load();
    } catch (err) { setError(errorMessage(err)); } finally { setBusy(null); }
  }
  return (
    <section aria-labelledby="monitoring-sources">
      <h2 id="monitoring-sources">{t('monitoring.tabs.sources')}</h2>
      <form class="card" onSubmit={add}>
        <TextField label={t('monitoring.source.name')} value={name} onValue={setName} required maxLength={200} testId="source-name" />
        <TextField label={t('monitoring.source.url')} hint={t('monitoring.source.urlHint')} type="url" value={url} onValue={setUrl} required maxLength={2000} testId="source-url" />
        <Button type="submit" testId="source-add">{t('monitoring.source.add')}</Button>
      </form>
      <FormError message={error} />
      {notice && <p role="status" class="notice" data-testid="poll-notice">{notice}</p>}
      <ul class="rows" data-testid="source-list">
        {(sources ?? []).map((s) => (
          <li key={s.id} class="source-row">
            <strong>{s.name}</strong> <span class="muted">{s.url}</span>
            <p class={s.lastError ? 'form-error' : 'muted'} data-testid="source-health">
              {s.lastFetchedAt ? t('monitoring.source.lastFetched', { when: f.dateTime(s.lastFetchedAt) }) : t('monitoring.source.never')}
              {s.lastError && ` — ${t('monitoring.source.lastError', { error: s.lastError, n: String(s.consecutiveFailures) })}`}
              {` — ${t('monitoring.source.clippings', { n: String(s.clippings) })}`}
            </p>
            <div class="contact-actions">
              <Button variant="secondary" busy={busy === s.id} onClick={() => poll(s.id)} testId="source-poll">{t('monitoring.source.poll')}</Button>
              <Button variant="danger" onClick={async () => { await monitoringApi.removeSource(s.id).catch((e) => setError(errorMessage(e))); await load(); }}>{t('monitoring.source.remove')}</Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Rules() {
  const t = useT();
  const [rules, setRules] = useState<MonitoringRuleView[] | null>(null);
  const [sources, setSources] = useState<MonitoringSourceView[]>([]);
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [language, setLanguage] = useState<'any' | 'fr' | 'en'>('any');
  const [error, setError] = useState<string | null>(null);
  const load = () => monitoringApi.rules().then(setRules, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); monitoringApi.sources().then(setSources, () => setSources([])); }, []);
  async function add(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await monitoringApi.addRule({ name, expression, sourceId: sourceId || null, language });
      setName(''); setExpression(''); await load();
    } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <section aria-labelledby="monitoring-rules">
      <h2 id="monitoring-rules">{t('monitoring.tabs.rules')}</h2>
      <form class="card" onSubmit={add}>
        <TextField label={t('monitoring.rule.name')} value={name} onValue={setName} required maxLength={200} testId="rule-name" />
        <TextField label={t('monitoring.rule.expression')} hint={t('monitoring.rule.hint')} value={expression} onValue={setExpression} required maxLength={2000} testId="rule-expression" />
        <SelectField label={t('monitoring.rule.source')} value={sourceId} onValue={setSourceId}
          options={[{ value: '', label: t('monitoring.rule.allSources') }, ...sources.map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectField label={t('monitoring.rule.language')} value={language} onValue={(v) => setLanguage(v as typeof language)}
          options={(['any', 'fr', 'en'] as const).map((l) => ({ value: l, label: t(`monitoring.rule.languages.${l}`) }))} />
        <FormError message={error} />
        <Button type="submit" testId="rule-add">{t('monitoring.rule.add')}</Button>
      </form>
      <ul class="rows" data-testid="rule-list">
        {(rules ?? []).map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> <code>{r.expression}</code>{' '}
            <span class="muted">{r.sourceName ?? t('monitoring.rule.allSources')} · {t(`monitoring.rule.languages.${r.language}`)}</span>{' '}
            <Button variant="link" onClick={async () => { await monitoringApi.removeRule(r.id).catch((e) => setError(errorMessage(e))); await load(); }}>{t('monitoring.rule.remove')}</Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
