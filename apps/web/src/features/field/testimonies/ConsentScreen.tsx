import { CONSENT_PURPOSES, consentTextsFor, CURRENT_CONSENT_TEXT_VERSION, type ConsentPurpose, type TestimonyLanguage } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

export type Answers = Partial<Record<ConsentPurpose, boolean>>;

/**
 * The consent text shown to the person in their language (right to left for Arabic, Farsi,
 * Dari, Pashto and Sorani), with a yes/no per purpose. Where no translator has provided the
 * text yet, French and English are shown together and the screen says so: never a guess.
 */
export function ConsentScreen({ language, answers, onAnswer }: {
  language: TestimonyLanguage; answers: Answers; onAnswer: (purpose: ConsentPurpose, granted: boolean) => void;
}) {
  const t = useT();
  const { shown, missing } = consentTextsFor(language);
  const first = shown[0]!;
  const languageName = t(`testimonies.languages.${language}`);
  return (
    <div class="testimony-consent" data-testid="consent-screen">
      <p class="testimony-note">{t('testimonies.consent.handOver')}</p>
      {missing && <p class="testimony-warning" role="note" data-testid="consent-missing">{t('testimonies.consent.missing', { language: languageName })}</p>}
      {shown.filter((s) => !s.text.reviewed).map((s) => (
        <p key={s.language} class="testimony-warning" role="note">{t('testimonies.consent.unreviewed', { language: t(`testimonies.languages.${s.language}`) })}</p>
      ))}
      {shown.map((s) => (
        <section key={s.language} lang={s.language} dir={s.dir} class="testimony-consent-text" data-testid={`consent-text-${s.language}`}>
          <h2>{s.text.title}</h2>
          <p>{s.text.intro}</p>
        </section>
      ))}
      <ol class="testimony-purposes">
        {CONSENT_PURPOSES.map((purpose) => (
          <li key={purpose}>
            {shown.map((s) => <p key={s.language} lang={s.language} dir={s.dir}>{s.text.purposes[purpose]}</p>)}
            <fieldset lang={first.language} dir={first.dir} class="testimony-yes-no">
              <legend class="visually-hidden">{first.text.purposes[purpose]}</legend>
              {([true, false] as const).map((granted) => (
                <label key={String(granted)} class={`testimony-choice${answers[purpose] === granted ? ' testimony-choice-on' : ''}`}>
                  <input type="radio" name={`consent-${purpose}`} checked={answers[purpose] === granted} onChange={() => onAnswer(purpose, granted)}
                    data-testid={`consent-${purpose}-${granted ? 'yes' : 'no'}`} />
                  {granted ? first.text.yes : first.text.no}
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ol>
      {shown.map((s) => <p key={s.language} lang={s.language} dir={s.dir}>{s.text.withdraw}</p>)}
      <p class="testimony-note">{t('testimonies.consent.version', { version: CURRENT_CONSENT_TEXT_VERSION })}</p>
    </div>
  );
}

/** What the server records as "shown in": the person's language, or French when the fallback was shown. */
export function shownLanguage(language: TestimonyLanguage): TestimonyLanguage {
  return consentTextsFor(language).shown[0]!.language;
}
