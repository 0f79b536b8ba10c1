import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { formatDay, legalApi, type LegalCaseGrantView } from './legalApi';

/** Time-limited read-only links for a lawyer (docs/adr/0006-lawyer-access.md). */
export function LawyerAccess({ caseId }: { caseId: string }) {
  const t = useT();
  const locale = useLocale();
  const [grants, setGrants] = useState<LegalCaseGrantView[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [days, setDays] = useState('14');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => legalApi.grants(caseId).then(setGrants, (e) => setError(errorMessage(e)));
  useEffect(() => { void reload(); }, [caseId]);
  async function create(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const answer = await legalApi.grant(caseId, { lawyerName: name, lawyerEmail: email || null, days: Number(days) });
      setUrl(answer.url);
      setName(''); setEmail('');
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <section aria-labelledby="case-grants-title">
      <h2 id="case-grants-title">{t('legalCases.grants.title')}</h2>
      <p>{t('legalCases.grants.help')}</p>
      {url && (
        <p class="legal-ical-url">
          {t('legalCases.calendar.icalShownOnce')}
          <input readOnly value={url} aria-label={t('legalCases.grants.title')} data-testid="grant-url" onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
      {grants.length === 0 && <p>{t('legalCases.grants.none')}</p>}
      <ul>
        {grants.map((g) => (
          <li key={g.id}>
            {g.lawyerName}{g.lawyerEmail && ` (${g.lawyerEmail})`} — {g.active ? t('legalCases.grants.active', { date: formatDay(g.expiresAt.slice(0, 10), locale, 'short') }) : t('legalCases.grants.inactive')}{' '}
            {g.active && <Button variant="link" onClick={() => legalApi.revokeGrant(caseId, g.id).then(reload, (e) => setError(errorMessage(e)))}>{t('legalCases.grants.revoke')}</Button>}
          </li>
        ))}
      </ul>
      <form class="legal-inline-form" onSubmit={create}>
        <FormError message={error} />
        <TextField label={t('legalCases.grants.lawyerName')} value={name} onValue={setName} required />
        <TextField label={t('legalCases.grants.lawyerEmail')} type="email" value={email} onValue={setEmail} />
        <TextField label={t('legalCases.grants.days')} inputMode="numeric" value={days} onValue={setDays} />
        <Button type="submit" variant="secondary">{t('legalCases.grants.create')}</Button>
      </form>
    </section>
  );
}
