import { figurePhrase, type BulletinContent } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { latestPublished } from './bulletins.queries.js';

/**
 * What other modules (the newsletter) may cite of the bulletins: the latest published one, from
 * its frozen snapshot, worded by the one figure wording function. Drafts are never cited.
 */
export async function latestPublishedBulletin(db: Executor, language: 'fr' | 'en') {
  const row = await latestPublished(db);
  if (!row) return null;
  const content = row.snapshot as BulletinContent;
  const [y, m] = content.month.split('-').map(Number) as [number, number];
  const month = new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  return {
    id: row.id,
    title: `${content.area.name}, ${month}`,
    headline: content.text.headline[language] || content.text.headline.fr,
    evictions: figurePhrase('evictions', content.evictions, language),
  };
}
