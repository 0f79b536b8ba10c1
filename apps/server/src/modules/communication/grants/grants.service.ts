import type { GrantInput, GrantSummaryView, GrantView, IndicatorInput, IndicatorView, Locale } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { loadContact } from '../contacts/contacts.service.js';
import { figureNow } from '../statistics/figure-references.js';
import { indicatorPeriod } from './grant-actuals.js';
import {
  deleteIndicator, deletePeriods, findGrant, indicatorsOf, insertGrant, insertIndicator, insertPeriod, listGrants, periodsOf, periodsWithValues,
  replaceValues, updateGrant, updateIndicator, updatePeriod, valuesOf, type GrantRow, type IndicatorRow, type PeriodRow,
} from './grants.queries.js';

/**
 * Grants and funder indicators (issue 14, d.4). A grant's funder is a contact of kind
 * organisation (asked of the contacts service) or a name typed in; its reporting periods sit
 * inside the grant; an indicator's actual is computed from its source (grant-actuals.ts) or
 * entered by hand with where it comes from. Each change is one transaction with its audit entry,
 * so a refusal leaves nothing half-saved.
 */

async function audited<T>(ctx: AppContext, actor: Actor, ip: string, action: string, entityId: string | null,
  work: (trx: Trx) => Promise<{ id: string; result: T; after?: Record<string, unknown> }>): Promise<T> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { id, result, after } = await work(trx);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action, entityType: 'grant', entityId: entityId ?? id, after: after ?? null, context: { ip },
    });
    return result;
  });
}

// ---- Grants and their periods ----

async function checkGrant(trx: Trx, input: GrantInput) {
  if (input.endsOn < input.startsOn) throw new AppError('grant.period_reversed', { startsOn: input.startsOn, endsOn: input.endsOn });
  if (input.amountCents < 0) throw new AppError('grant.amount_negative', { amount: (input.amountCents / 100).toFixed(2) });
  for (const p of input.periods) {
    if (p.endsOn < p.startsOn) throw new AppError('grant.reporting_period_reversed', { label: p.label, startsOn: p.startsOn, endsOn: p.endsOn });
    if (p.startsOn < input.startsOn || p.endsOn > input.endsOn) {
      throw new AppError('grant.reporting_period_outside', { label: p.label, startsOn: p.startsOn, endsOn: p.endsOn, grantStartsOn: input.startsOn, grantEndsOn: input.endsOn });
    }
  }
  let funderName = input.funderName;
  if (input.funderContactId) {
    const contact = await loadContact(trx, input.funderContactId);
    if (contact.kind !== 'organisation') throw new AppError('grant.funder_not_organisation');
    funderName = contact.displayName;
  }
  if (!funderName) throw new AppError('grant.funder_missing');
  return { ...input, funderName };
}

/** Periods with an id are kept (and changed), new ones added, missing ones removed — unless they hold targets or values. */
async function savePeriods(trx: Trx, organisationId: string, grantId: string, input: GrantInput) {
  const existing = await periodsOf(trx, grantId);
  const kept = new Set(input.periods.flatMap((p) => (p.id ? [p.id] : [])));
  for (const id of kept) if (!existing.some((e) => e.id === id)) throw new AppError('grant.period_not_found');
  const removed = existing.filter((e) => !kept.has(e.id));
  const used = new Set((await periodsWithValues(trx, removed.map((r) => r.id))).map((r) => r.period_id));
  const blocked = removed.find((r) => used.has(r.id));
  if (blocked) throw new AppError('grant.period_in_use', { label: blocked.label });
  await deletePeriods(trx, removed.map((r) => r.id));
  for (const p of input.periods) {
    if (p.id) await updatePeriod(trx, p.id, p);
    else await insertPeriod(trx, organisationId, grantId, p);
  }
}

async function indicatorView(trx: Trx, organisationId: string, i: IndicatorRow, periods: PeriodRow[], values: Awaited<ReturnType<typeof valuesOf>>, locale: Locale): Promise<IndicatorView> {
  const filters = i.filters as { forceCorps?: string };
  const out: IndicatorView = {
    id: i.id, name: i.name, unit: i.unit, baseline: i.baseline, source: i.source as IndicatorView['source'], metric: i.metric, areaCode: i.area_code,
    forceCorps: filters.forceCorps ?? null, periods: [],
  };
  // One after the other: a transaction runs one statement at a time anyway.
  for (const p of periods) out.periods.push(await indicatorPeriod(trx, organisationId, i, p, values.find((v) => v.indicator_id === i.id && v.period_id === p.id), locale));
  return out;
}

export type LoadedGrant = { grant: GrantRow; view: GrantView; periods: PeriodRow[] };

export async function loadGrant(trx: Trx, organisationId: string, id: string, locale: Locale): Promise<LoadedGrant> {
  const g = await findGrant(trx, id);
  if (!g) throw new AppError('grant.not_found');
  const periods = await periodsOf(trx, id);
  const indicators = await indicatorsOf(trx, id);
  const values = await valuesOf(trx, indicators.map((i) => i.id));
  const views: IndicatorView[] = [];
  for (const i of indicators) views.push(await indicatorView(trx, organisationId, i, periods, values, locale));
  return {
    grant: g, periods,
    view: {
      id: g.id, title: g.title, funderContactId: g.funder_contact_id, funderName: g.funder_name, amountCents: Number(g.amount_cents),
      startsOn: g.starts_on, endsOn: g.ends_on, objectives: g.objectives, remindDaysBefore: g.remind_days_before, createdByName: g.created_by_name,
      updatedAt: g.updated_at.toISOString(),
      periods: periods.map((p) => ({ id: p.id, label: p.label, startsOn: p.starts_on, endsOn: p.ends_on, reportDueOn: p.report_due_on })),
      indicators: views,
    },
  };
}

export async function grantList(ctx: AppContext, actor: Actor): Promise<GrantSummaryView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listGrants(trx)).map((g) => ({
    id: g.id, title: g.title, funderName: g.funder_name, amountCents: Number(g.amount_cents), startsOn: g.starts_on, endsOn: g.ends_on,
    indicators: g.indicators, nextReportDueOn: g.next_due,
  })));
}

export async function readGrant(ctx: AppContext, actor: Actor, id: string, locale: Locale) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await loadGrant(trx, actor.organisationId, id, locale)).view);
}

export async function createGrant(ctx: AppContext, actor: Actor, input: GrantInput, locale: Locale, ip: string) {
  return audited(ctx, actor, ip, 'grant.created', null, async (trx) => {
    const fields = await checkGrant(trx, input);
    const { id } = await insertGrant(trx, actor.organisationId, actor.userId, fields);
    await savePeriods(trx, actor.organisationId, id, fields);
    return { id, result: (await loadGrant(trx, actor.organisationId, id, locale)).view, after: { funder: fields.funderName, amountCents: fields.amountCents } };
  });
}

export async function editGrant(ctx: AppContext, actor: Actor, id: string, input: GrantInput, locale: Locale, ip: string) {
  return audited(ctx, actor, ip, 'grant.edited', id, async (trx) => {
    if (!(await findGrant(trx, id, true))) throw new AppError('grant.not_found');
    const fields = await checkGrant(trx, input);
    await updateGrant(trx, id, fields);
    await savePeriods(trx, actor.organisationId, id, fields);
    return { id, result: (await loadGrant(trx, actor.organisationId, id, locale)).view, after: { funder: fields.funderName, amountCents: fields.amountCents } };
  });
}

// ---- Indicators ----

async function checkIndicator(trx: Trx, grantId: string, input: IndicatorInput) {
  const g = await findGrant(trx, grantId, true);
  if (!g) throw new AppError('grant.not_found');
  const periods = await periodsOf(trx, grantId);
  const isStatistics = input.source === 'statistics';
  if (isStatistics && !input.metric) throw new AppError('grant.metric_missing');
  if (isStatistics) {
    // The reference is checked once against the data now (an unknown area or force is refused in words).
    await figureNow(trx, { metric: input.metric!, from: g.starts_on, to: g.ends_on, areaCode: input.areaCode, filters: input.forceCorps ? { forceCorps: input.forceCorps } : {} });
  }
  for (const v of input.values) {
    const p = periods.find((x) => x.id === v.periodId);
    if (!p) throw new AppError('grant.period_not_found');
    if (v.actual !== null && input.source !== 'manual') throw new AppError('grant.actual_is_computed', { label: p.label });
    if (v.actual !== null && !v.actualSource) throw new AppError('grant.actual_source_missing', { label: p.label });
  }
  const filters: Record<string, string> = isStatistics && input.forceCorps ? { forceCorps: input.forceCorps } : {};
  return {
    name: input.name, unit: input.unit, baseline: input.baseline, source: input.source,
    metric: isStatistics ? input.metric : null, areaCode: isStatistics ? input.areaCode : null,
    filters,
  };
}

export async function addIndicator(ctx: AppContext, actor: Actor, grantId: string, input: IndicatorInput, locale: Locale, ip: string) {
  return audited(ctx, actor, ip, 'grant.indicator_added', grantId, async (trx) => {
    const fields = await checkIndicator(trx, grantId, input);
    const { id } = await insertIndicator(trx, actor.organisationId, grantId, fields);
    await replaceValues(trx, actor.organisationId, id, input.values);
    return { id: grantId, result: (await loadGrant(trx, actor.organisationId, grantId, locale)).view, after: { indicatorId: id, source: input.source } };
  });
}

export async function editIndicator(ctx: AppContext, actor: Actor, grantId: string, indicatorId: string, input: IndicatorInput, locale: Locale, ip: string) {
  return audited(ctx, actor, ip, 'grant.indicator_edited', grantId, async (trx) => {
    const fields = await checkIndicator(trx, grantId, input);
    if (!(await indicatorsOf(trx, grantId)).some((i) => i.id === indicatorId)) throw new AppError('grant.indicator_not_found');
    await updateIndicator(trx, indicatorId, fields);
    await replaceValues(trx, actor.organisationId, indicatorId, input.values);
    return { id: grantId, result: (await loadGrant(trx, actor.organisationId, grantId, locale)).view, after: { indicatorId, source: input.source } };
  });
}

export async function removeIndicator(ctx: AppContext, actor: Actor, grantId: string, indicatorId: string, locale: Locale, ip: string) {
  return audited(ctx, actor, ip, 'grant.indicator_removed', grantId, async (trx) => {
    if (!(await findGrant(trx, grantId, true))) throw new AppError('grant.not_found');
    if (!(await deleteIndicator(trx, grantId, indicatorId))) throw new AppError('grant.indicator_not_found');
    return { id: grantId, result: (await loadGrant(trx, actor.organisationId, grantId, locale)).view, after: { indicatorId } };
  });
}
