import { z } from 'zod';
import { JOB_ALERT_CATEGORIES, type JobAlertCategory } from './vocabulary.js';

/** Job alerts' forms and views (categories and their rule: ./vocabulary.ts). */
/**
 * The sign-up form's consent text. Its exact words and version go into the consent ledger with
 * each confirmed subscription (RGPD art. 7(1)): change the words, change the version.
 */
export const JOB_ALERT_FORM_VERSION = 'job-alerts-2026-12-05';
export function jobAlertFormText(organisation: string, language: 'fr' | 'en'): string {
  return language === 'fr'
    ? `J'accepte de recevoir par e-mail les nouvelles offres de ${organisation} des catégories choisies. Je peux me désinscrire à tout moment en un clic, depuis chaque alerte. Mon adresse ne sert qu'à ces alertes.`
    : `I agree to receive ${organisation}'s new postings of the chosen categories by e-mail. I can unsubscribe at any time in one click, from every alert. My address is used for these alerts only.`;
}

/** The name of a category's list in the contacts registry. */
export function jobAlertListName(category: JobAlertCategory): string {
  return { employment: 'Alertes offres — emploi', internship: 'Alertes offres — stages', volunteering: 'Alertes offres — bénévolat' }[category];
}

export const jobAlertSignupInputSchema = z.strictObject({
  // Checked by the service, so that a malformed address gets its own clear message.
  email: z.string().trim().max(320),
  categories: z.array(z.enum(JOB_ALERT_CATEGORIES)).min(1).max(3),
  language: z.enum(['fr', 'en']).default('fr'),
  formVersion: z.string().max(100),
  consent: z.literal(true),
});
export type JobAlertSignupInput = z.infer<typeof jobAlertSignupInputSchema>;

export const jobAlertFormViewSchema = z.object({
  organisation: z.string(), formVersion: z.string(), formText: z.object({ fr: z.string(), en: z.string() }), jobsUrl: z.string(),
});
export type JobAlertFormView = z.infer<typeof jobAlertFormViewSchema>;

export const jobAlertConfirmationViewSchema = z.object({
  organisation: z.string(), address: z.string(), categories: z.array(z.enum(JOB_ALERT_CATEGORIES)), confirmed: z.boolean(), expired: z.boolean(),
});
export type JobAlertConfirmationView = z.infer<typeof jobAlertConfirmationViewSchema>;
