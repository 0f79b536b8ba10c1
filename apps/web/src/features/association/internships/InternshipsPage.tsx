import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatEuros, GRATIFICATION_THRESHOLD_HOURS, MAX_INTERNS_PER_TUTOR, MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { readUpload } from '../applications/applicationsApi';
import { internshipsApi, type InternshipsPage as Page, type InternshipView } from './internshipsApi';

/**
 * Interns (phone-first): each internship with its convention, hours and gratification; a short
 * form to record one; the settings (headcount, hourly social-security ceiling per year).
 */
export function InternshipsPage() {
  const t = useT();
  const locale = useLocale();
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (f: () => Promise<Page>) => {
    setError(null);
    try { setPage(await f()); return true; } catch (e) { setError(errorMessage(e)); return false; }
  };
  useEffect(() => { void act(internshipsApi.page); }, []);
  const people = page?.people.map((p) => ({ value: p.id, label: p.displayName })) ?? [];
  return (
    <Screen title={t('association.internships.title')} narrow>
      <p><a href="/association">{t('association.back')}</a> · <a href="/association/internships/register" data-testid="staff-register-link">{t('association.register.link')}</a></p>
      <p class="muted">{t('association.internships.intro', {
        hours: String(GRATIFICATION_THRESHOLD_HOURS), tutor: String(MAX_INTERNS_PER_TUTOR), cap: String(page?.organisationCap ?? 3), max: String(MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR),
      })}</p>
      <FormError message={error} />
      {page && page.internships.length === 0 && <p>{t('association.internships.none')}</p>}
      <ul class="cards" data-testid="internships">
        {page?.internships.map((i) => <Internship key={i.id} i={i} locale={locale} act={act} />)}
      </ul>
      {page && <NewInternship people={people} act={act} />}
      {page && <Settings page={page} act={act} />}
    </Screen>
  );
}

type Act = (f: () => Promise<Page>) => Promise<boolean>;

function Internship({ i, locale, act }: { i: InternshipView; locale: 'fr' | 'en'; act: Act }) {
  const t = useT();
  return (
    <li class="card" data-testid="internship">
      <h2>{i.person.displayName}</h2>
      <p>{i.school} · {t('association.internships.tutor')} {i.tutor.displayName}</p>
      <p>{formatDate(i.startsOn, locale)} → {formatDate(i.endsOn, locale)} · {t('association.internships.weekly', { hours: String(i.weeklyHours) })}</p>
      <p>{t('association.internships.hours', { planned: String(i.plannedHours), year: String(i.schoolYearHours) })}</p>
      <p data-testid="internship-gratification">
        {i.gratificationDue
          ? (i.minimumHourlyCents === null ? t('association.internships.dueNoCeiling') : t('association.internships.due', { rate: formatEuros(i.minimumHourlyCents, locale) }))
          : t('association.internships.notDue')}
      </p>
      <p>{i.convention ? t('association.internships.conventionOn', { name: i.convention.originalName }) : t('association.internships.conventionMissing')}</p>
      {i.status === 'started' ? <p><strong>{t('association.internships.started')}</strong></p> : (
        <>
          <div class="field">
            <label for={`convention-${i.id}`}>{t('association.internships.conventionUpload')}</label>
            <input id={`convention-${i.id}`} type="file" accept="application/pdf,.pdf" onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (file) void act(async () => internshipsApi.convention(i.id, await readUpload(file)));
            }} />
          </div>
          <Button testId={`internship-start-${i.id}`} onClick={() => void act(() => internshipsApi.start(i.id))}>{t('association.internships.start')}</Button>
        </>
      )}
    </li>
  );
}

function DateField({ label, value, onValue }: { label: string; value: string; onValue: (v: string) => void }) {
  return (
    <div class="field field-required">
      <label>{label}<input type="date" required value={value} onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)} /></label>
    </div>
  );
}

function NewInternship({ people, act }: { people: Array<{ value: string; label: string }>; act: Act }) {
  const t = useT();
  const empty = { personId: '', tutorId: '', school: '', startsOn: '', endsOn: '', weeklyHours: '35' };
  const [f, setF] = useState(empty);
  const set = (k: keyof typeof empty) => (v: string) => setF({ ...f, [k]: v });
  const choose = [{ value: '', label: '—' }, ...people];
  return (
    <form class="card" onSubmit={(e) => {
      e.preventDefault();
      void act(() => internshipsApi.record({ ...f, weeklyHours: Number(f.weeklyHours.replace(',', '.')) })).then((ok) => { if (ok) setF(empty); });
    }}>
      <h2>{t('association.internships.add')}</h2>
      <SelectField label={t('association.internships.intern')} value={f.personId} options={choose} onValue={set('personId')} />
      <TextField label={t('association.internships.school')} value={f.school} onValue={set('school')} required maxLength={200} />
      <SelectField label={t('association.internships.tutor')} value={f.tutorId} options={choose} onValue={set('tutorId')} />
      <DateField label={t('association.internships.startsOn')} value={f.startsOn} onValue={set('startsOn')} />
      <DateField label={t('association.internships.endsOn')} value={f.endsOn} onValue={set('endsOn')} />
      <TextField label={t('association.internships.weeklyHours')} value={f.weeklyHours} onValue={set('weeklyHours')} inputMode="numeric" required />
      <Button type="submit" testId="internship-record">{t('association.internships.record')}</Button>
    </form>
  );
}

function Settings({ page, act }: { page: Page; act: Act }) {
  const t = useT();
  const locale = useLocale();
  const [headcount, setHeadcount] = useState(String(page.settings.staffHeadcount));
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [ceiling, setCeiling] = useState('');
  return (
    <form class="card" onSubmit={(e) => {
      e.preventDefault();
      const cents = Math.round(Number(ceiling.replace(',', '.')) * 100);
      const ceilings = ceiling ? [...page.settings.ceilings.filter((c) => c.year !== Number(year)), { year: Number(year), hourlyCeilingCents: cents }] : page.settings.ceilings;
      void act(() => internshipsApi.settings({ staffHeadcount: Number(headcount), ceilings })).then((ok) => { if (ok) setCeiling(''); });
    }}>
      <h2>{t('association.internships.settings')}</h2>
      <TextField label={t('association.internships.headcount')} value={headcount} onValue={setHeadcount} inputMode="numeric" required />
      <p>{t('association.internships.ceilings')}</p>
      <ul>{page.settings.ceilings.map((c) => <li key={c.year}>{c.year} : {formatEuros(c.hourlyCeilingCents, locale)}</li>)}</ul>
      <TextField label={t('association.internships.year')} value={year} onValue={setYear} inputMode="numeric" />
      <TextField label={t('association.internships.ceiling')} value={ceiling} onValue={setCeiling} inputMode="numeric" hint={t('association.internships.ceilingHint')} />
      <Button type="submit" variant="secondary">{t('association.internships.save')}</Button>
    </form>
  );
}
