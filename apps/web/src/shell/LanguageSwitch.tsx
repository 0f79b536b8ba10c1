import type { Locale } from '@vigie/domain/rules';
import { api } from '../api/client';
import { UI_LOCALES, applyLocale, markLocalePending, useLocale, useT } from '../i18n';
import { useSession } from '../features/identity/auth/session';

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const { state, refresh } = useSession();
  const signedIn = state.status === 'ready' && !!state.user;

  async function choose(next: Locale) {
    if (next === locale) return;
    await applyLocale(next);
    // The account remembers the choice for the next device; a failure here must not undo the switch.
    if (signedIn) {
      markLocalePending(next);
      api.patch('/api/me', { locale: next }).then(() => { markLocalePending(null); return refresh(); }).catch(() => undefined);
    }
  }

  return (
    <div class="lang-switch" role="group" aria-label={t('language.switch')}>
      {UI_LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale ? 'true' : 'false'}
          // The accessible name starts with the visible text ("FR — Français"), so that voice
          // control users can say what they see (WCAG 2.5.3).
          aria-label={`${t(l === 'fr' ? 'language.frShort' : 'language.enShort')} — ${t(`language.${l}`)}`}
          onClick={() => void choose(l)}
        >
          {t(l === 'fr' ? 'language.frShort' : 'language.enShort')}
        </button>
      ))}
    </div>
  );
}
