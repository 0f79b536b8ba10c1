import type { TestimonyLanguage } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { ConsentScreen, type Answers } from './ConsentScreen';

/**
 * The buttons and the consent step of a testimony, the same whether it is taken online
 * (`NewTestimonyPage`) or on the phone offline (`capture/offline-records/TestimonyCapturePage`):
 * the person sees one consent screen wherever the observer recorded them.
 */
export function AccountActions({ busy, onDraft }: { busy: boolean; onDraft: () => void }) {
  const t = useT();
  return (
    <p class="testimony-actions">
      <Button type="submit" testId="to-consent">{t('testimonies.form.toConsent')}</Button>
      <Button variant="secondary" busy={busy} onClick={onDraft} testId="save-draft">{t('testimonies.form.saveDraft')}</Button>
    </p>
  );
}

export function ConsentStep({ language, answers, onAnswers, busy, onSave, onBack }: {
  language: TestimonyLanguage; answers: Answers; onAnswers: (a: Answers) => void; busy: boolean; onSave: () => void; onBack: () => void;
}) {
  const t = useT();
  return (
    <>
      <ConsentScreen language={language} answers={answers} onAnswer={(p, g) => onAnswers({ ...answers, [p]: g })} />
      <p class="testimony-actions">
        <Button busy={busy} onClick={onSave} testId="save-testimony">{t('testimonies.consent.save')}</Button>
        <Button variant="secondary" onClick={onBack}>{t('testimonies.consent.back')}</Button>
      </p>
    </>
  );
}
