import { useT } from '../../i18n';

/** Links from the legal page to the evidence tools. */
export function BundleAndPatternLinks() {
  const t = useT();
  return (
    <p class="legal-evidence-links">
      <a class="btn btn-secondary" href="/legal/bundle" data-testid="legal-bundle-link">{t('legalEvidence.links.bundle')}</a>{' '}
      <a class="btn btn-secondary" href="/legal/pattern-evidence" data-testid="legal-pattern-link">{t('legalEvidence.links.pattern')}</a>
    </p>
  );
}
