import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CONSENT_PURPOSES, CURRENT_CONSENT_TEXT_VERSION, parisDate, TESTIMONY_LANGUAGES, type ConsentAnswers, type TestimonyLanguage, type TestimonyOffline } from '@vigie/domain/rules';
import { useT } from '../../../../i18n';
import { newId, saveTestimony } from '../../../../offline/store';
import { newWithdrawalCode } from '../../../../offline/withdrawal-code';
import { Screen } from '../../../../shell/Screen';
import { FormError } from '../../../../ui/FormError';
import { CodeCard } from '../../testimonies/CodeCard';
import { shownLanguage, type Answers } from '../../testimonies/ConsentScreen';
import { AccountActions, ConsentStep } from '../../testimonies/TestimonySteps';
import '../../testimonies/testimonies.css';

/** What the testimony is taken during, from the screen it was opened from (`?round=…`, `?eviction=…`, `?incident=…`). */
function linksFrom(query: Record<string, string>): TestimonyOffline['links'] {
  const uuid = /^[0-9a-f-]{36}$/i;
  return (['round', 'eviction', 'incident'] as const).flatMap((target) => (query[target] && uuid.test(query[target]!) ? [{ target, id: query[target]! }] : []));
}

/**
 * A testimony taken on the phone, with or without a network (issue 16, item 5): the account in
 * the observer's language, then the consent screen handed to the person in theirs (right to
 * left where it applies), then the withdrawal card. The code is made here (WebCrypto) so the
 * card exists offline; only its hash is stored and sent. Without consent it is kept as a draft
 * nothing may use, as online. The testimony leaves the phone once the server confirmed it.
 */
export function TestimonyCapturePage() {
  const t = useT();
  const { query, route } = useLocation();
  const [links] = useState(() => linksFrom(query));
  const [step, setStep] = useState<'account' | 'consent' | 'card'>('account');
  const [pseudonym, setPseudonym] = useState('');
  const [language, setLanguage] = useState<TestimonyLanguage>('ar');
  const [account, setAccount] = useState('');
  const [quote, setQuote] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [id] = useState(newId);

  async function save(withConsent: boolean) {
    setError(null);
    if (!pseudonym.trim() || !account.trim()) { setError(t('fieldRecords.testimony.missing')); setStep('account'); return; }
    if (withConsent && CONSENT_PURPOSES.some((p) => answers[p] === undefined)) { setError(t('testimonies.consent.answerAll')); return; }
    setBusy(true);
    try {
      const card = await newWithdrawalCode();
      await saveTestimony({
        id, pseudonym: pseudonym.trim(), minor: null, language, givenOn: parisDate(new Date()), account: account.trim(), quote: quote.trim() || null, links,
        withdrawalCodeHash: card.hash,
        ...(withConsent && { consent: { answers: answers as ConsentAnswers, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: shownLanguage(language) } }),
      });
      setCode(card.code);
      setStep('card');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('testimonies.new')} narrow>
      <FormError message={error} />
      {step === 'account' && (
        <form class="testimony-form" onSubmit={(e) => { e.preventDefault(); setStep('consent'); }}>
          <p><a href="/field">{t('rounds.backHome')}</a></p>
          <p class="testimony-note">{t('fieldRecords.testimony.onPhone')}</p>
          {links.length > 0 && <p data-testid="testimony-linked">{t(`fieldRecords.testimony.linked.${links[0]!.target}`)}</p>}
          <div class="field">
            <label for="testimony-pseudonym">{t('testimonies.form.pseudonym')}</label>
            <input id="testimony-pseudonym" required maxLength={60} value={pseudonym} onInput={(e) => setPseudonym(e.currentTarget.value)} data-testid="testimony-pseudonym" />
          </div>
          <div class="field">
            <label for="testimony-language">{t('testimonies.form.language')}</label>
            <select id="testimony-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as TestimonyLanguage)} data-testid="testimony-language">
              {TESTIMONY_LANGUAGES.map((l) => <option key={l} value={l}>{t(`testimonies.languages.${l}`)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="testimony-account">{t('testimonies.form.account')}</label>
            <textarea id="testimony-account" required rows={6} maxLength={20000} value={account} onInput={(e) => setAccount(e.currentTarget.value)} data-testid="testimony-account" />
          </div>
          <div class="field">
            <label for="testimony-quote">{t('testimonies.form.quote')}</label>
            <textarea id="testimony-quote" rows={2} maxLength={1000} value={quote} onInput={(e) => setQuote(e.currentTarget.value)} data-testid="testimony-quote" />
          </div>
          <AccountActions busy={busy} onDraft={() => void save(false)} />
        </form>
      )}
      {step === 'consent' && (
        <ConsentStep language={language} answers={answers} onAnswers={setAnswers} busy={busy} onSave={() => void save(true)} onBack={() => setStep('account')} />
      )}
      {step === 'card' && code && (
        <>
          <p role="status" class="testimony-note testimony-no-print" data-testid="testimony-saved">{t('fieldRecords.testimony.saved')}</p>
          <CodeCard code={code} onDone={() => route('/field')} doneLabel={t('rounds.backHome')} />
        </>
      )}
    </Screen>
  );
}
