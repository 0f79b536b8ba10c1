import {
  areaLabel, fileNamePart, formatDate, formatEuros, formatPeriod, metricLabel, type IndicatorSource, type Locale, type MetricCode,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { loadGrant } from './grants.service.js';
import { grantReportPdf } from './grant-report.pdf.js';
import { grantReportXlsx } from './grant-report.xlsx.js';
import { WORDS, type GrantReportContent } from './grant-report.words.js';

/**
 * A grant's report for one reporting period, as a workbook (numbers stay numbers) and as a PDF:
 * each indicator with its baseline, target and actual, the actual worded by the one figure
 * wording ("au moins 12", "0", "non observé"), where it comes from, and — when its source
 * figure no longer exists — the reason in words instead of a number.
 */
function sourceWords(i: { source: IndicatorSource; metric: string | null; areaCode: string | null; forceCorps: string | null }, manualSource: string | null, l: Locale) {
  const w = WORDS[l];
  if (i.source === 'manual') return manualSource ? `${w.manual} — ${manualSource}` : w.manual;
  if (i.source !== 'statistics' || !i.metric) return w.sources[i.source];
  const where = [i.areaCode ? areaLabel({ code: i.areaCode }) : null, i.forceCorps].filter(Boolean).join(', ');
  return `${w.sources.statistics} — ${metricLabel(i.metric as MetricCode, l)}${where ? ` (${where})` : ''}`;
}

export async function grantReportContent(ctx: AppContext, actor: Actor, grantId: string, periodId: string, locale: Locale, ip: string): Promise<GrantReportContent> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { view } = await loadGrant(trx, actor.organisationId, grantId, locale);
    const period = view.periods.find((p) => p.id === periodId);
    if (!period) throw new AppError('grant.period_not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'grant.report_downloaded', entityType: 'grant', entityId: grantId,
      context: { ip, periodId },
    });
    const w = WORDS[locale];
    return {
      locale, title: view.title, funder: view.funderName, amount: formatEuros(view.amountCents, locale),
      grantPeriod: formatPeriod(view.startsOn, view.endsOn, locale), periodLabel: period.label, period: formatPeriod(period.startsOn, period.endsOn, locale),
      dueOn: period.reportDueOn ? formatDate(period.reportDueOn, locale, { year: 'always' }) : null, objectives: view.objectives, generatedAt: new Date(),
      lines: view.indicators.map((i) => {
        const p = i.periods.find((x) => x.periodId === periodId)!;
        return {
          name: i.name, unit: i.unit, baseline: i.baseline, target: p.target, actual: p.actual,
          actualWords: p.wording ?? (p.problem ? w.notComputed : '—'), source: sourceWords(i, p.manualSource, locale), note: p.problemMessage ?? '',
        };
      }),
    };
  });
}

export async function grantReportFile(ctx: AppContext, actor: Actor, grantId: string, q: { periodId: string; lang: Locale }, format: 'xlsx' | 'pdf', ip: string) {
  const c = await grantReportContent(ctx, actor, grantId, q.periodId, q.lang, ip);
  const fileName = `${fileNamePart(c.title)}-${fileNamePart(c.periodLabel)}-${q.lang}.${format}`;
  return { fileName, bytes: format === 'xlsx' ? await grantReportXlsx(c) : grantReportPdf(c) };
}
