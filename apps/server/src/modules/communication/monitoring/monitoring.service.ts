import { parseRule, type Locale, type MonitoringRuleInput, type MonitoringSourceInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError, type ErrorCode } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  deleteRule, deleteSource, findSource, insertRule, insertSource, listRules, listSources, sourceWithUrl, updateRule, updateSource,
} from './monitoring.queries.js';
import { presentRule, presentSource } from './monitoring.presenter.js';
import { pollSource, type PollDeps } from './poll-sources.js';

/** Sources and keyword rules of the media monitoring: the desk's settings, each change audited. */

export async function listMonitoringSources(ctx: AppContext, actor: Actor, locale: Locale) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listSources(trx)).map((s) => presentSource(s, locale)));
}

export async function addSource(ctx: AppContext, actor: Actor, input: MonitoringSourceInput, locale: Locale, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (await sourceWithUrl(trx, input.url)) throw new AppError('monitoring.source_url_taken');
    const { id } = await insertSource(trx, { organisationId: actor.organisationId, name: input.name, url: input.url, outlet: input.outlet ?? null, active: input.active, createdBy: actor.userId });
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.source_added', entityType: 'monitoring_source', entityId: id, after: { name: input.name, url: input.url }, context: { ip } });
    return presentSource((await findSource(trx, id))!, locale);
  });
}

export async function changeSource(ctx: AppContext, actor: Actor, id: string, input: MonitoringSourceInput, locale: Locale, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findSource(trx, id);
    if (!before) throw new AppError('monitoring.source_not_found');
    if (await sourceWithUrl(trx, input.url, id)) throw new AppError('monitoring.source_url_taken');
    await updateSource(trx, id, { name: input.name, url: input.url, outlet: input.outlet ?? null, active: input.active, urlChanged: before.url !== input.url });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.source_changed', entityType: 'monitoring_source', entityId: id,
      before: { name: before.name, url: before.url, active: before.active }, after: { name: input.name, url: input.url, active: input.active }, context: { ip },
    });
    return presentSource((await findSource(trx, id))!, locale);
  });
}

/** Clippings already found stay (they are what was published); the source's sightings go. */
export async function removeSource(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await deleteSource(trx, id))) throw new AppError('monitoring.source_not_found');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.source_removed', entityType: 'monitoring_source', entityId: id, context: { ip } });
  });
}

/** "Fetch now": the same use case as the background job, for one source, answered at once. */
export async function pollSourceNow(ctx: AppContext, actor: Actor, id: string, deps: Omit<PollDeps, 'db'> = {}) {
  const exists = await inOrganisation(ctx.db, actor.organisationId, (trx) => findSource(trx, id));
  if (!exists) throw new AppError('monitoring.source_not_found');
  return pollSource({ db: ctx.db, ...deps }, actor.organisationId, id);
}

const RULE_ERRORS: Record<string, ErrorCode> = {
  empty: 'monitoring.rule_empty', only_exclusions: 'monitoring.rule_only_exclusions', too_broad: 'monitoring.rule_too_broad', unbalanced_quote: 'monitoring.rule_unbalanced_quote',
};

function checkRule(expression: string) {
  const parsed = parseRule(expression);
  if (!parsed.ok) throw new AppError(RULE_ERRORS[parsed.error.problem]!, { term: 'term' in parsed.error ? parsed.error.term : '' });
}

export async function listMonitoringRules(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listRules(trx)).map(presentRule));
}

async function ruleView(trx: Parameters<typeof listRules>[0], id: string) {
  return presentRule((await listRules(trx)).find((r) => r.id === id)!);
}

export async function addRule(ctx: AppContext, actor: Actor, input: MonitoringRuleInput, ip: string) {
  checkRule(input.expression);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.sourceId && !(await findSource(trx, input.sourceId))) throw new AppError('monitoring.source_not_found');
    const { id } = await insertRule(trx, { organisationId: actor.organisationId, ...input, createdBy: actor.userId });
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.rule_added', entityType: 'monitoring_rule', entityId: id, after: { expression: input.expression, sourceId: input.sourceId }, context: { ip } });
    return ruleView(trx, id);
  });
}

export async function changeRule(ctx: AppContext, actor: Actor, id: string, input: MonitoringRuleInput, ip: string) {
  checkRule(input.expression);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.sourceId && !(await findSource(trx, input.sourceId))) throw new AppError('monitoring.source_not_found');
    if (!(await updateRule(trx, id, input))) throw new AppError('monitoring.rule_not_found');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.rule_changed', entityType: 'monitoring_rule', entityId: id, after: { expression: input.expression, sourceId: input.sourceId, active: input.active }, context: { ip } });
    return ruleView(trx, id);
  });
}

export async function removeRule(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await deleteRule(trx, id))) throw new AppError('monitoring.rule_not_found');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.rule_removed', entityType: 'monitoring_rule', entityId: id, context: { ip } });
  });
}
