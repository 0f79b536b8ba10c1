import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CONSENT_PURPOSES, CURRENT_CONSENT_TEXT_VERSION, parisDate, TESTIMONY_LANGUAGES, type TestimonyLanguage } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { DateField, TextArea } from '../../legal/fields';
import { CodeCard } from './CodeCard';
import { shownLanguage, type Answers } from './ConsentScreen';
import { AccountActions, ConsentStep } from './TestimonySteps';
import { testimoniesApi } from './testimoniesApi';
import './testimonies.css';

/**
 * Taking a testimony on a phone, in three steps: the account (in the staff member's language),
 * the consent screen handed to the person in theirs, then the code card shown once. Saving
 * without consent keeps a draft that nothing may use. Online only for now.
 */
export function NewTestimonyPage() {
  const t = useT();
  const { query, route } = useLocation();
  const evictionId = query.evictionId;
  const [step, setStep] = useState<'account' | 'consent' | 'card'>('account');
  const [pseudonym, setPseudonym] = useState('');
  const [language, setLanguage] = useState<TestimonyLanguage>('ar');
  const [givenOn, setGivenOn] = useState(parisDate(new Date()));
  const [account, setAccount] = useState('');
  const [quote, setQuote] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; code: string } | null>(null);

  async function save(withConsent: boolean) {
    setError(null);
    if (withConsent && CONSENT_PURPOSES.some((p) => answers[p] === undefined)) { setError(t('testimonies.consent.answerAll')); return; }
    setBusy(true);
    try {
      const r = await testimoniesApi.create({
        pseudonym, language, givenOn, account, quote, links: evictionId ? [{ target: 'eviction', id: evictionId }] : [],
        ...(withConsent && { consent: { answers, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: shownLanguage(language) } }),
      });
      setCreated({ id: r.testimony.id, code: r.withdrawalCode });
      setStep('card');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('testimonies.new')} narrow>
      <p><a href="/testimonies">{t('testimonies.back')}</a></p>
      <FormError message={error} />
      {step === 'account' && (
        <form class="testimony-form" onSubmit={(e) => { e.preventDefault(); setStep('consent'); }}>
          <p class="testimony-note">{t('testimonies.onlineOnly')}</p>
          {evictionId && <p>{t('testimonies.form.linkedEviction')}</p>}
          <TextField label={t('testimonies.form.pseudonym')} value={pseudonym} onValue={setPseudonym} required maxLength={60} testId="testimony-pseudonym" />
          <div class="field">
            <label for="testimony-language">{t('testimonies.form.language')}</label>
            <select id="testimony-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as TestimonyLanguage)} data-testid="testimony-language">
              {TESTIMONY_LANGUAGES.map((l) => <option key={l} value={l}>{t(`testimonies.languages.${l}`)}</option>)}
            </select>
          </div>
          <DateField label={t('testimonies.form.givenOn')} value={givenOn} onValue={setGivenOn} testId="testimony-date" />
          <TextArea label={t('testimonies.form.account')} value={account} onValue={setAccount} testId="testimony-account" />
          <TextArea label={t('testimonies.form.quote')} value={quote} onValue={setQuote} testId="testimony-quote" />
          <AccountActions busy={busy} onDraft={() => void save(false)} />
        </form>
      )}
      {step === 'consent' && (
        <ConsentStep language={language} answers={answers} onAnswers={setAnswers} busy={busy} onSave={() => void save(true)} onBack={() => setStep('account')} />
      )}
      {step === 'card' && created && <CodeCard code={created.code} onDone={() => route(`/testimonies/${created.id}`)} />}
    </Screen>
  );
}
