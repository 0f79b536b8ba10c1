import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, type AuditChainCheck, type AuditEntryView } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { hasPermission, useUser } from '../../identity/auth/session';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { DateField } from '../../legal/fields';
import { auditApi, type AuditFilters } from './audit.api';

/**
 * What happened in the organisation, newest first: who did what to which record, and when
 * (Paris time). Read-only, for administrators; each entry shows the start of its chain hash so
 * it can be matched with a chain of custody printed in an evidence bundle. Filters: a person, a
 * kind of record, one record (picked from an entry, never typed), a span of days.
 * Administrators and coordinators can also verify the whole chain from here (`ChainCheck`).
 */
export function AuditPage() {
  const user = useUser();
  if (!hasPermission(user, 'audit.read')) {
    return <AuditScreen><ChainCheck /></AuditScreen>;
  }
  return <AuditTrail />;
}

function AuditScreen({ children }: { children: preact.ComponentChildren }) {
  const t = useT();
  return (
    <Screen title={t('audit.title')}>
      <AdminTabs />
      <p class="muted">{t('audit.lead')}</p>
      {children}
    </Screen>
  );
}

/** The same check as `npm run audit:verify`, from the screen: intact with how many entries, or the first broken one. */
function ChainCheck() {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<AuditChainCheck | null>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setCheck(await auditApi.verify());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const broken = check?.firstBroken;
  return (
    <div class="stack" data-testid="audit-verify">
      <p><Button type="button" disabled={busy} testId="audit-verify-button" onClick={() => void verify()}>
        {busy ? t('audit.verify.busy') : t('audit.verify.button')}
      </Button></p>
      <FormError message={error} />
      {check && (
        <p role={check.intact ? 'status' : 'alert'} class={check.intact ? 'status-message' : 'form-error'} data-testid="audit-verify-result">
          {!broken
            ? t('audit.verify.intact', { count: check.entriesChecked.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB') })
            : broken.entry
              ? t('audit.verify.broken', {
                at: formatDateTime(broken.entry.at, locale), action: broken.entry.action, entityType: broken.entry.entityType,
                problem: t(`audit.verify.problem.${broken.problem}`), hash: broken.entry.hash.slice(0, 12),
              })
              : t('audit.verify.brokenHidden', { problem: t(`audit.verify.problem.${broken.problem}`) })}
        </p>
      )}
    </div>
  );
}

function AuditTrail() {
  const t = useT();
  const locale = useLocale();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [more, setMore] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [types, setTypes] = useState<string[]>([]);
  const set = (key: keyof AuditFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value || undefined }));

  async function load(before?: string) {
    setBusy(true);
    setError(null);
    try {
      const page = await auditApi.page(before, filters);
      setTypes((known) => [...new Set([...known, ...page.entries.map((e) => e.entityType)])].sort());
      setEntries((list) => (before ? [...list, ...page.entries] : page.entries));
      setMore(page.entries.length === 50);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => { void load(); }, [filters]);
  useEffect(() => {
    // Names are a nicety: without the users list the trail still reads, with account ids.
    auditApi.users().then((users) => setNames(new Map(users.map((u) => [u.id, u.displayName]))), () => undefined);
  }, []);

  return (
    <Screen title={t('audit.title')}>
      <AdminTabs />
      <p class="muted">{t('audit.lead')}</p>
      <ChainCheck />
      <div class="legal-inline-form" data-testid="audit-filters">
        <SelectField label={t('audit.filters.actor')} value={filters.actorId ?? ''} onValue={set('actorId')}
          options={[{ value: '', label: t('audit.filters.anyone') }, ...[...names].map(([id, name]) => ({ value: id, label: name }))]} />
        <SelectField label={t('audit.filters.entityType')} value={filters.entityType ?? ''} onValue={(v) => setFilters((f) => ({ ...f, entityType: v || undefined, entityId: undefined }))}
          options={[{ value: '', label: t('audit.filters.anything') }, ...types.map((x) => ({ value: x, label: x }))]} />
        <DateField label={t('audit.filters.from')} value={filters.from ?? ''} onValue={set('from')} />
        <DateField label={t('audit.filters.to')} value={filters.to ?? ''} onValue={set('to')} />
        {filters.entityId && (
          <p>{t('audit.filters.oneRecord', { type: filters.entityType ?? '', id: filters.entityId.slice(0, 8) })}{' '}
            <Button variant="link" onClick={() => setFilters((f) => ({ ...f, entityId: undefined }))}>{t('audit.filters.allRecords')}</Button></p>
        )}
      </div>
      <FormError message={error} />
      {entries.length === 0 && !busy && !error && <p class="muted">{t('audit.empty')}</p>}
      {entries.length > 0 && (
        <table class="table" data-testid="audit-trail">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.hash}>
                <td>{formatDateTime(e.at, locale)}</td>
                <td>{e.actorId ? names.get(e.actorId) ?? e.actorId.slice(0, 8) : t('audit.system')}</td>
                <td><code>{e.action}</code></td>
                <td>
                  {e.entityType}{e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}{' '}
                  {e.entityId && e.entityId !== filters.entityId && (
                    <Button variant="link" testId="audit-this-record" onClick={() => setFilters((f) => ({ ...f, entityType: e.entityType, entityId: e.entityId! }))}>
                      {t('audit.filters.thisRecord')}
                    </Button>
                  )}
                </td>
                <td><code title={e.hash}>{e.hash.slice(0, 12)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && entries.length > 0 && (
        <Button type="button" disabled={busy} onClick={() => void load(entries[entries.length - 1]!.cursor)}>{t('audit.older')}</Button>
      )}
    </Screen>
  );
}
