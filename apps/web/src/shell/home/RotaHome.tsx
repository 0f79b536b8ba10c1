import { useEffect, useState } from 'preact/hooks';
import type { RotaMineView } from '@vigie/domain/rules';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { rotaApi } from '../../features/field/rota/rotaApi';
import { Button } from '../../ui/Button';
import { FormError, StatusMessage } from '../../ui/FormError';
import { HomeCard } from './HomeCard';

/**
 * A volunteer's rota on their home page: their shifts of the coming two weeks, and this week's
 * short shifts with a one-tap sign-up (as an observer; the rota screen has the rest).
 */
export function RotaHome() {
  const t = useT();
  const locale = useLocale();
  const [mine, setMine] = useState<RotaMineView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = () => rotaApi.mine().then(setMine, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  const date = (day: string) => day === mine?.today
    ? t('rota.today')
    : new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  async function signUp(areaCode: string, day: string) {
    setError(null); setStatus(null);
    try { await rotaApi.signUp(areaCode, day, 'observer'); setStatus(t('rota.home.signedUp')); await load(); } catch (e) { setError(errorMessage(e)); }
  }
  return (
    <HomeCard title={t('rota.home.title')} testId="home-rota">
      <FormError message={error} />
      <StatusMessage message={status} />
      {mine && (mine.shifts.length === 0 ? <p>{t('rota.home.none')}</p> : (
        <ul data-testid="home-rota-shifts">
          {mine.shifts.map((s) => (
            <li key={`${s.areaCode}-${s.day}`}>
              {t('rota.home.shift', { date: date(s.day), area: s.areaName, role: t(`rota.roles.${s.role}`) })}
              {s.offered ? ` — ${t('rota.placeOffered')}` : ''}
            </li>
          ))}
        </ul>
      ))}
      {mine && mine.short.length > 0 && (
        <>
          <h3>{t('rota.home.shortTitle')}</h3>
          <ul data-testid="home-rota-short">
            {mine.short.map((s) => (
              <li key={`${s.areaCode}-${s.day}`}>
                {t('rota.home.shortLine', { date: date(s.day), area: s.areaName, observers: s.missing.observers, drivers: s.missing.drivers })}{' '}
                <Button variant="secondary" testId={`home-rota-sign-up-${s.areaCode}-${s.day}`} ariaLabel={`${t('rota.home.signUp')} — ${s.areaName}, ${date(s.day)}`}
                  onClick={() => void signUp(s.areaCode, s.day)}>{t('rota.home.signUp')}</Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p><a href="/rota">{t('rota.home.open')}</a></p>
    </HomeCard>
  );
}
