import type { NewsletterBlockInput, NewsletterBlockView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Trx } from '../../../platform/db/database.js';
import { quotableTexts } from '../../field/testimonies/testimonies.service.js';
import { latestPublishedBulletin } from '../bulletins/latest-bulletin.js';
import { computeReference } from '../statistics/figure-references.js';
import { publicationPhotos } from './newsletters.queries.js';

/**
 * Turns composed blocks into what is shown and sent. A figure is computed by the statistics
 * module and worded by the one wording function (the same as in press releases); the bulletin
 * block is the latest published bulletin at that moment; a photo is shown only while it has a
 * publication copy, with its credit as recorded on the evidence; a testimony quote goes through
 * the testimonies' consent check, so a withdrawal empties it in every draft at once.
 */
export async function resolveBlocks(ctx: AppContext, trx: Trx, blocks: NewsletterBlockInput[], language: 'fr' | 'en'): Promise<NewsletterBlockView[]> {
  const quoteIds = blocks.flatMap((b) => (b.kind === 'quote' ? [b.testimonyId] : []));
  const quotes = quoteIds.length > 0 ? await quotableTexts(ctx, trx, quoteIds) : new Map<string, string | null>();
  const photoIds = blocks.flatMap((b) => (b.kind === 'photo' ? [b.evidenceId] : []));
  const photos = new Map((await publicationPhotos(trx, photoIds)).map((p) => [p.id, p]));
  const needsBulletin = blocks.some((b) => b.kind === 'bulletin');
  const bulletin = needsBulletin ? await latestPublishedBulletin(trx, language) : null;
  const out: NewsletterBlockView[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': out.push({ kind: 'text', text: b.text }); break;
      case 'link': out.push({ kind: 'link', url: b.url, label: b.label }); break;
      case 'quote': {
        const text = quotes.get(b.testimonyId) ?? null;
        out.push({ kind: 'quote', testimonyId: b.testimonyId, text, consented: text !== null });
        break;
      }
      case 'bulletin': out.push({ kind: 'bulletin', bulletin }); break;
      case 'photo': {
        const p = photos.get(b.evidenceId);
        out.push({ kind: 'photo', evidenceId: b.evidenceId, caption: b.caption ?? '', credit: p?.credit ?? null, available: Boolean(p) });
        break;
      }
      case 'figure': {
        const f = await computeReference(trx, b, language);
        out.push({
          kind: 'figure', metric: b.metric, from: b.from, to: b.to, areaCode: b.areaCode ?? null, forceCorps: b.forceCorps ?? null,
          value: f.value, atLeast: f.atLeast, wording: f.wording,
        });
        break;
      }
    }
  }
  return out;
}
