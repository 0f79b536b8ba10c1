import { useEffect, useState } from 'preact/hooks';
import { DATE_LEVELS, PLACE_LEVELS, RELEASE_MEASURES, metricLabel, type MetricCode } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { researchApi, type AgreementView, type DownloadView, type LinkView, type ProfileView, type ReleaseView } from './researchApi';

/**
 * The data-sharing desk of the comms pole: agreements with researchers, anonymisation profiles,
 * frozen releases generated in the background, and the links a recipient downloads them from.
 */
export function ResearchPage() {
  const t = useT();
  const [agreements, setAgreements] = useState<AgreementView[]>([]);
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = () => Promise.all([researchApi.agreements().then(setAgreements), researchApi.profiles().then(setProfiles)]).catch((e) => setError(errorMessage(e)));
  useEffect(() => { void reload(); }, []);
  return (
    <Screen title={t('research.title')}>
      <p>{t('research.intro')}</p>
      <FormError message={error} />
      <ProfileForm onSaved={reload} />
      <h2>{t('research.agreements')}</h2>
      {agreements.length === 0 && <p class="muted">{t('research.noAgreement')}</p>}
      {agreements.map((a) => <AgreementCard key={a.id} agreement={a} profiles={profiles} onChange={reload} />)}
      <AgreementForm onSaved={reload} />
    </Screen>
  );
}

function DateInput({ label, value, onValue, testId }: { label: string; value: string; onValue: (v: string) => void; testId: string }) {
  return (
    <div class="field">
      <label>{label}<input type="date" value={value} required data-testid={testId} onInput={(e) => onValue(e.currentTarget.value)} /></label>
    </div>
  );
}

function MeasureChoice({ value, onValue }: { value: string[]; onValue: (v: string[]) => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <fieldset class="field">
      <legend>{t('research.measures')}</legend>
      {RELEASE_MEASURES.map((m) => (
        <label key={m} class="checkbox">
          <input type="checkbox" checked={value.includes(m)} onChange={(e) => onValue(e.currentTarget.checked ? [...value, m] : value.filter((x) => x !== m))} />
          {' '}{metricLabel(m as MetricCode, locale)}
        </label>
      ))}
    </fieldset>
  );
}

function AgreementForm({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const [f, setF] = useState({ recipientName: '', recipientEmail: '', institution: '', purpose: '', startsOn: '', endsOn: '', finestDate: 'month', finestPlace: 'commune' });
  const [measures, setMeasures] = useState<string[]>(['evictions']);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await researchApi.createAgreement({ ...f, measures });
      setF({ ...f, recipientName: '', recipientEmail: '', institution: '', purpose: '' });
      onSaved();
    } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <form onSubmit={submit} aria-labelledby="new-agreement" data-testid="agreement-form">
      <h3 id="new-agreement">{t('research.newAgreement')}</h3>
      <FormError message={error} />
      <TextField label={t('research.recipientName')} value={f.recipientName} onValue={set('recipientName')} required testId="recipient-name" />
      <TextField label={t('research.recipientEmail')} type="email" value={f.recipientEmail} onValue={set('recipientEmail')} required testId="recipient-email" />
      <TextField label={t('research.institution')} value={f.institution} onValue={set('institution')} required testId="institution" />
      <TextField label={t('research.purpose')} value={f.purpose} onValue={set('purpose')} required testId="purpose" />
      <DateInput label={t('research.startsOn')} value={f.startsOn} onValue={set('startsOn')} testId="starts-on" />
      <DateInput label={t('research.endsOn')} value={f.endsOn} onValue={set('endsOn')} testId="ends-on" />
      <SelectField label={t('research.finestDate')} value={f.finestDate} onValue={set('finestDate')} options={DATE_LEVELS.map((l) => ({ value: l, label: t(`research.level.${l}`) }))} />
      <SelectField label={t('research.finestPlace')} value={f.finestPlace} onValue={set('finestPlace')} options={PLACE_LEVELS.map((l) => ({ value: l, label: t(`research.level.${l}`) }))} />
      <MeasureChoice value={measures} onValue={setMeasures} />
      <Button type="submit">{t('research.createAgreement')}</Button>
    </form>
  );
}

function ProfileForm({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [dateLevel, setDateLevel] = useState('month');
  const [placeLevel, setPlaceLevel] = useState('commune');
  const [k, setK] = useState('5');
  const [hxl, setHxl] = useState(false);
  const [measures, setMeasures] = useState<string[]>(['evictions']);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await researchApi.saveProfile({ name, dateLevel, placeLevel, measures, k: Number(k), hxl });
      setName('');
      onSaved();
    } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <details>
      <summary>{t('research.newProfile')}</summary>
      <form onSubmit={submit} data-testid="profile-form">
        <p class="muted">{t('research.profileHelp')}</p>
        <FormError message={error} />
        <TextField label={t('research.profileName')} value={name} onValue={setName} required testId="profile-name" />
        <SelectField label={t('research.dateLevel')} value={dateLevel} onValue={setDateLevel} options={DATE_LEVELS.map((l) => ({ value: l, label: t(`research.level.${l}`) }))} />
        <SelectField label={t('research.placeLevel')} value={placeLevel} onValue={setPlaceLevel} options={PLACE_LEVELS.map((l) => ({ value: l, label: t(`research.level.${l}`) }))} />
        <TextField label={t('research.k')} inputMode="numeric" value={k} onValue={setK} testId="profile-k" />
        <label class="checkbox"><input type="checkbox" checked={hxl} onChange={(e) => setHxl(e.currentTarget.checked)} /> {t('research.hxl')}</label>
        <MeasureChoice value={measures} onValue={setMeasures} />
        <Button type="submit" variant="secondary">{t('research.saveProfile')}</Button>
      </form>
    </details>
  );
}

function AgreementCard({ agreement: a, profiles, onChange }: { agreement: AgreementView; profiles: ProfileView[]; onChange: () => void }) {
  const t = useT();
  const [releases, setReleases] = useState<ReleaseView[]>([]);
  const [profileId, setProfileId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = () => researchApi.releases(a.id).then(setReleases, (e) => setError(errorMessage(e)));
  useEffect(() => { void reload(); }, [a.id]);
  // A release is generated in the background: poll until none is pending.
  useEffect(() => {
    if (!releases.some((r) => r.status === 'queued' || r.status === 'running')) return;
    const timer = setTimeout(() => void reload(), 1000);
    return () => clearTimeout(timer);
  }, [releases]);
  async function request(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await researchApi.requestRelease(a.id, { profileId: profileId || profiles[0]?.id, from, to });
      await reload();
    } catch (err) { setError(errorMessage(err)); }
  }
  async function upload(file: File | undefined) {
    if (!file) return;
    try { await researchApi.uploadDocument(a.id, file); onChange(); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <section class="card" data-testid="agreement">
      <h3>{a.recipientName} — {a.institution}</h3>
      <p>{t(`research.status.${a.status}`)} · {a.startsOn} → {a.endsOn} · {a.recipientEmail}</p>
      <p class="muted">{a.purpose}</p>
      {a.contactId && <p><a href={`/communication/contacts/${a.contactId}`} data-testid="agreement-contact">{t('research.recipientContact')}</a></p>}
      <p>{a.document ? t('research.documentKept', { name: a.document.name, sha: a.document.sha256.slice(0, 12) }) : t('research.noDocument')}</p>
      <label>{t('research.uploadDocument')} <input type="file" onChange={(e) => upload(e.currentTarget.files?.[0])} /></label>
      <FormError message={error} />
      {profiles.length > 0 && a.status === 'active' && (
        <form onSubmit={request} data-testid="release-form">
          <SelectField label={t('research.profile')} value={profileId || profiles[0]!.id} onValue={setProfileId}
            options={profiles.map((p) => ({ value: p.id, label: `${p.name} v${p.version} (${t(`research.level.${p.dateLevel}`)}, ${t(`research.level.${p.placeLevel}`)}, k=${p.k})` }))} />
          <DateInput label={t('research.from')} value={from} onValue={setFrom} testId="release-from" />
          <DateInput label={t('research.to')} value={to} onValue={setTo} testId="release-to" />
          <Button type="submit" variant="secondary">{t('research.requestRelease')}</Button>
        </form>
      )}
      <ul>{releases.map((r) => <ReleaseRow key={r.id} release={r} />)}</ul>
    </section>
  );
}

function ReleaseRow({ release: r }: { release: ReleaseView }) {
  const t = useT();
  const [links, setLinks] = useState<LinkView[]>([]);
  const [downloads, setDownloads] = useState<DownloadView[]>([]);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => researchApi.links(r.id).then((x) => { setLinks(x.links); setDownloads(x.downloads); }, (e) => setError(errorMessage(e)));
  useEffect(() => { if (r.status === 'done') void reload(); }, [r.id, r.status]);
  return (
    <li data-testid="release" data-status={r.status}>
      <strong>{r.from} → {r.to}</strong> · {r.profileName} v{r.profileVersion} · {t(`research.releaseStatus.${r.status}`)}
      {r.status === 'refused' && <p role="alert" data-testid="refused-cells">{t('research.refused', { cells: r.refusedCells.join(' ; ') })}</p>}
      {r.status === 'done' && (
        <>
          {' '}<a href={`/api/research/releases/${r.id}/release.zip`} download data-testid="release-download">{t('research.download')}</a>
          <p class="muted">{t('research.manifest', { sha: (r.manifestSha256 ?? '').slice(0, 16) })}</p>
          {url && <p>{t('research.linkShownOnce')} <input readOnly value={url} data-testid="release-link" onFocus={(e) => e.currentTarget.select()} /></p>}
          <FormError message={error} />
          <Button variant="secondary" onClick={() => researchApi.createLink(r.id, 30).then((x) => { setUrl(x.url); void reload(); }, (e) => setError(errorMessage(e)))}>{t('research.createLink')}</Button>
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                {l.active ? t('research.linkActive', { date: l.expiresAt.slice(0, 10) }) : t('research.linkInactive')}{' '}
                {l.active && <Button variant="link" onClick={() => researchApi.revokeLink(r.id, l.id).then(reload, (e) => setError(errorMessage(e)))}>{t('research.revoke')}</Button>}
              </li>
            ))}
          </ul>
          {downloads.length > 0 && <p data-testid="downloads">{t('research.downloads', { n: downloads.length, last: downloads[0]!.at.slice(0, 16).replace('T', ' ') })}</p>}
        </>
      )}
    </li>
  );
}
