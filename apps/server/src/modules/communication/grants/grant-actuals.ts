import { wordFigure, type Figure, type IndicatorPeriodView, type IndicatorProblem, type Locale } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate } from '../../../platform/errors/messages.js';
import { bulletinsPublishedBetween } from '../bulletins/bulletins.service.js';
import { eventsHeldBetween } from '../campaigns/campaigns.service.js';
import { clippingsBetween } from '../monitoring/clippings.service.js';
import { newsletterSubscribersOn } from '../newsletters/newsletters.service.js';
import { releasesSentBetween } from '../press-releases/press-releases.service.js';
import { figureNow } from '../statistics/figure-references.js';
import type { IndicatorRow, PeriodRow, valuesOf } from './grants.queries.js';

/**
 * An indicator's actual for one reporting period. A computed actual asks the module that owns
 * the count (statistics through the figure-reference service, bulletins, press releases,
 * monitoring, newsletter, campaigns' events) — never their tables. A statistics figure keeps
 * its "au moins" and "non observé"; the counts Vigie keeps itself are exact. A source figure that
 * no longer exists (an area removed, a force taken off the list) becomes a problem in words for
 * the screen and the report, never an error that stops the page.
 */
type ValueRow = Awaited<ReturnType<typeof valuesOf>>[number];

const PROBLEMS: Record<string, { problem: IndicatorProblem; detail: (d: Record<string, unknown>) => string }> = {
  'statistics.unknown_area': { problem: 'unknown_area', detail: (d) => String(d.area ?? '') },
  'statistics.unknown_force': { problem: 'unknown_force', detail: (d) => String(d.force ?? '') },
  'statistics.unknown_metric': { problem: 'unknown_metric', detail: (d) => String(d.metric ?? '') },
};

type Computed = { figure: Figure } | { problem: IndicatorProblem; detail: string };

async function compute(trx: Trx, organisationId: string, i: IndicatorRow, p: PeriodRow): Promise<Computed> {
  const exact = (value: number) => ({ figure: { value, atLeast: false } });
  switch (i.source) {
    case 'statistics':
      try {
        const filters = i.filters as { forceCorps?: string };
        if (!i.metric) return { problem: 'unknown_metric', detail: '' };
        const figure = await figureNow(trx, { metric: i.metric, from: p.starts_on, to: p.ends_on, areaCode: i.area_code, filters });
        return { figure };
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('unknown metric')) return { problem: 'unknown_metric', detail: i.metric ?? '' };
        const known = err instanceof AppError ? PROBLEMS[err.code] : undefined;
        if (!known) throw err;
        return { problem: known.problem, detail: known.detail((err as AppError).details ?? {}) };
      }
    case 'bulletins_published': return exact(await bulletinsPublishedBetween(trx, p.starts_on, p.ends_on));
    case 'press_releases_sent': return exact(await releasesSentBetween(trx, p.starts_on, p.ends_on));
    case 'clippings': return exact(await clippingsBetween(trx, p.starts_on, p.ends_on));
    case 'newsletter_subscribers': return exact(await newsletterSubscribersOn(trx, organisationId, p.ends_on));
    case 'trainings_held': return exact(await eventsHeldBetween(trx, p.starts_on, p.ends_on, 'trainings'));
    case 'events_held': return exact(await eventsHeldBetween(trx, p.starts_on, p.ends_on, 'events'));
    default: throw new Error(`no computation for source ${i.source}`);
  }
}

export async function indicatorPeriod(trx: Trx, organisationId: string, i: IndicatorRow, p: PeriodRow, v: ValueRow | undefined, locale: Locale): Promise<IndicatorPeriodView> {
  const base = { periodId: p.id, target: v?.target ?? null };
  if (i.source === 'manual') {
    const actual = v?.actual ?? null;
    return {
      ...base, actual: actual === null ? null : { value: actual, atLeast: false }, wording: actual === null ? null : wordFigure({ value: actual, atLeast: false }, locale),
      computed: false, manualSource: actual === null ? null : v?.actual_source ?? null, problem: null, problemMessage: null,
    };
  }
  const c = await compute(trx, organisationId, i, p);
  if ('problem' in c) {
    return { ...base, actual: null, wording: null, computed: true, manualSource: null, problem: c.problem, problemMessage: translate(`grant.problem.${c.problem}`, locale, { detail: c.detail }) };
  }
  const figure = { value: c.figure.value, atLeast: c.figure.atLeast, ...(c.figure.unobserved ? { unobserved: true } : {}) };
  return { ...base, actual: figure, wording: wordFigure(figure, locale), computed: true, manualSource: null, problem: null, problemMessage: null };
}
