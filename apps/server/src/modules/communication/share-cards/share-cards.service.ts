import {
  DEFAULT_BRANDING, areaLabel, formatMonth, inPeriod, wordFigure, type BrandingInput, type BrandingView, type FigureShareCardQuery, type MetricCode,
  type ShareCardSize,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { loadFileType, loadSharp } from '../../../platform/on-first-use.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { getBulletin } from '../bulletins/bulletins.service.js';
import { computeFigures, filterOptions, type Figure } from '../statistics/statistics.service.js';
import { shareCardSvg, type ShareCardModel } from './share-card-svg.js';
import { brandingOf, saveBranding } from './share-cards.queries.js';

/**
 * Share cards from a figure reference (computed by the statistics engine, worded by
 * `wordFigure` with its period) or from a bulletin (its headline figure, area and month), in
 * French or English, as SVG or as PNG rasterised by sharp at the exact size of the network.
 */
type Lang = 'fr' | 'en';
export type RenderedCard = { svg: string; name: string };

async function brandingModel(trx: Trx, organisationId: string) {
  const { name, branding } = await brandingOf(trx, organisationId);
  return {
    organisationName: name,
    primaryColour: branding?.primary_colour ?? DEFAULT_BRANDING.primaryColour,
    accentColour: branding?.accent_colour ?? DEFAULT_BRANDING.accentColour,
    logo: branding?.logo && branding.logo_type ? { bytes: branding.logo, type: branding.logo_type } : null,
  };
}

/** "au moins 12" in large type, "expulsions" under it; a zero or an unobserved period stays one phrase. */
function figureWords(figure: Figure, metric: MetricCode, lang: Lang) {
  const phrase = wordFigure(figure, lang, { style: 'phrase', metric });
  const value = wordFigure(figure, lang);
  if (figure.value !== 0 && !figure.unobserved && phrase.startsWith(value)) return { big: value, label: phrase.slice(value.length).trim() };
  return { big: phrase, label: '' };
}

export async function figureCard(ctx: AppContext, actor: Actor, q: FigureShareCardQuery): Promise<RenderedCard> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const figures = await computeFigures(trx, { from: q.from, to: q.to, ...(q.areaCode && { areaCode: q.areaCode }), ...(q.forceCorps && { forceCorps: q.forceCorps }) });
    const metric = q.metric as MetricCode;
    const area = q.areaCode ? (await filterOptions(trx)).areas.find((a) => a.code === q.areaCode) : undefined;
    const where = q.areaCode ? `${areaLabel(area ?? { code: q.areaCode })}, ` : '';
    const model: ShareCardModel = {
      size: q.size, ...figureWords(figures[metric], metric, q.lang), context: `${where}${inPeriod(q.from, q.to, q.lang)}`, headline: null,
      ...(await brandingModel(trx, actor.organisationId)),
    };
    return { svg: shareCardSvg(model), name: `${metric}-${q.areaCode ?? 'all'}-${q.from}-${q.to}-${q.size}-${q.lang}` };
  });
}

export async function bulletinCard(ctx: AppContext, actor: Actor, id: string, lang: Lang, size: ShareCardSize): Promise<RenderedCard> {
  const { content } = await getBulletin(ctx, actor, id);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const headline = content.text.headline[lang].trim();
    const model: ShareCardModel = {
      size, ...figureWords(content.evictions, 'evictions', lang), headline: headline || null,
      context: `${areaLabel(content.area)}, ${lang === 'fr' ? 'en' : 'in'} ${formatMonth(content.month, lang)}`,
      ...(await brandingModel(trx, actor.organisationId)),
    };
    return { svg: shareCardSvg(model), name: `bulletin-${content.area.code}-${content.month}-${size}-${lang}` };
  });
}

/** The PNG at exactly the card's pixel size (the SVG's own size: one unit, one pixel). */
export async function cardPng(svg: string): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg), { density: 72 }).png().toBuffer();
}

export async function readBranding(ctx: AppContext, actor: Actor): Promise<BrandingView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const b = await brandingModel(trx, actor.organisationId);
    return { organisationName: b.organisationName, primaryColour: b.primaryColour, accentColour: b.accentColour, hasLogo: b.logo !== null };
  });
}

async function checkedLogo(logo: NonNullable<BrandingInput['logo']>): Promise<{ bytes: Buffer; type: string }> {
  const bytes = Buffer.from(logo.base64, 'base64');
  if (bytes.length === 0 || bytes.length > 512 * 1024) throw new AppError('share_card.logo_invalid');
  if (logo.contentType === 'image/svg+xml') {
    const text = bytes.toString('utf8');
    // An SVG logo is drawn, never run: no scripts, no event handlers, no outside references.
    if (!/<svg[\s>]/i.test(text) || /<script|\son\w+\s*=|<foreignObject|(?:href|src)\s*=\s*["'](?!#|data:)/i.test(text)) throw new AppError('share_card.logo_invalid');
    return { bytes, type: logo.contentType };
  }
  const { fileTypeFromBuffer } = await loadFileType();
  const found = await fileTypeFromBuffer(bytes);
  if (found?.mime !== logo.contentType) throw new AppError('share_card.logo_invalid');
  return { bytes, type: logo.contentType };
}

export async function changeBranding(ctx: AppContext, actor: Actor, input: BrandingInput, ip: string): Promise<BrandingView> {
  const logo = input.logo ? await checkedLogo(input.logo) : input.logo;
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await saveBranding(trx, actor.organisationId, { primaryColour: input.primaryColour, accentColour: input.accentColour, logo, updatedBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'organisation.branding_changed', entityType: 'organisation', entityId: actor.organisationId,
      after: { primaryColour: input.primaryColour, accentColour: input.accentColour, logo: logo === undefined ? 'kept' : logo ? logo.type : 'removed' }, context: { ip },
    });
  });
  return readBranding(ctx, actor);
}
