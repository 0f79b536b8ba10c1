import { outsideAreas, type SiteEdit, type SiteView } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../../platform/context.js';
import type { Executor, Trx } from '../../../platform/db/database.js';
import type { SitesTable } from '../../../platform/db/schema.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { relocateEvictions } from '../evictions/relocate-evictions.js';
import { insertVersion } from '../history/history.service.js';
import {
  closeSiteMerge, insertSiteMerge, lockSite, openSiteMerge, placedSites, updateSite,
} from './sites.queries.js';
import { presentSite } from './sites.presenter.js';

/**
 * A coordinator's work on sites from the office: place or move a site on the map, rename it,
 * edit its aliases, deactivate or reactivate it, merge it into another and undo that merge.
 * Every change is a new version of each site touched (its history) and one audit entry.
 */
type SiteRow = Selectable<SitesTable>;
type SiteChanges = Partial<Pick<SiteRow, 'name' | 'aliases' | 'latitude' | 'longitude' | 'active' | 'notes' | 'merged_into'>>;
type PositionWarning = 'outside_area' | null;

/** The site as its history stores it: what the phone sends, plus the merge. */
function versionData(s: SiteRow) {
  const v = presentSite(s);
  return {
    id: v.id, code: v.code, name: v.name, aliases: v.aliases, areaId: v.areaId, communeInsee: v.communeInsee,
    latitude: v.latitude, longitude: v.longitude, active: v.active, notes: v.notes, mergedInto: v.mergedInto,
  };
}

async function writeVersion(trx: Trx, actor: Actor, before: SiteRow, changes: SiteChanges) {
  const version = before.version + 1;
  await updateSite(trx, before.id, { ...changes, version });
  const after: SiteRow = { ...before, ...changes, version };
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'site', entityId: before.id, version, data: versionData(after), changedBy: actor.userId });
  return after;
}

/** The warning of a position outside the organisation's areas (never a refusal). */
export async function positionWarning(db: Executor, site: { id: string; area_id: string; latitude: number | null; longitude: number | null }): Promise<PositionWarning> {
  if (site.latitude === null || site.longitude === null) return null;
  const placed = (await placedSites(db)).map((s) => ({ id: s.id, areaId: s.area_id, latitude: s.latitude, longitude: s.longitude, active: s.active, mergedInto: s.merged_into }));
  return outsideAreas({ latitude: site.latitude, longitude: site.longitude }, site.area_id, placed, site.id) ? 'outside_area' : null;
}

async function liveSite(trx: Trx, id: string) {
  const site = await lockSite(trx, id);
  if (!site) throw new AppError('site.not_found');
  return site;
}

export async function editSite(ctx: AppContext, actor: Actor, id: string, edit: SiteEdit): Promise<{ site: SiteView; warning: PositionWarning }> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await liveSite(trx, id);
    if (before.merged_into) throw new AppError('site.merged');
    if (before.version !== edit.baseVersion) throw new AppError('field.version_conflict', { currentVersion: before.version });
    const changes: SiteChanges = {};
    if (edit.name !== undefined) changes.name = edit.name;
    if (edit.aliases !== undefined) changes.aliases = [...new Set(edit.aliases)];
    if (edit.latitude !== undefined) changes.latitude = edit.latitude;
    if (edit.longitude !== undefined) changes.longitude = edit.longitude;
    if (edit.active !== undefined) changes.active = edit.active;
    if (edit.notes !== undefined) changes.notes = edit.notes;
    const after = await writeVersion(trx, actor, before, changes);
    const warning = await positionWarning(trx, after);
    const pick = (s: SiteRow) => Object.fromEntries(Object.keys(changes).map((k) => [k, s[k as keyof SiteRow]]));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'site.updated', entityType: 'site', entityId: id,
      before: pick(before), after: pick(after), context: { version: after.version, warning },
    });
    return { site: presentSite(after), warning };
  });
}

/**
 * Folds `id` into `intoId`: its evictions move to the kept site, its name and aliases become
 * aliases of the kept site, and it stays stored, inactive, pointing to the kept one. The merge
 * records what it moved, so an unmerge moves back exactly that.
 */
export async function mergeSite(ctx: AppContext, actor: Actor, id: string, intoId: string) {
  if (id === intoId) throw new AppError('site.merge_self');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    // Locked in a fixed order, so two crossed merges cannot deadlock.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const a = await liveSite(trx, first);
    const b = await liveSite(trx, second);
    const merged = a.id === id ? a : b;
    const kept = a.id === id ? b : a;
    if (merged.merged_into) throw new AppError('site.already_merged');
    if (kept.merged_into) throw new AppError('site.merge_into_merged');
    const known = new Set([kept.name, kept.code, ...kept.aliases].map((n) => n.toLocaleLowerCase('fr')));
    // A site keeps at most 20 aliases (what a phone's list can search through).
    const addedAliases = [...new Set([merged.name, ...merged.aliases])].filter((n) => !known.has(n.toLocaleLowerCase('fr')))
      .slice(0, Math.max(0, 20 - kept.aliases.length));
    const moved = await relocateEvictions(trx, actor, merged.id, kept.id, null);
    const mergeId = await insertSiteMerge(trx, {
      organisation_id: actor.organisationId, merged_site_id: merged.id, kept_site_id: kept.id, moved_eviction_ids: moved,
      added_aliases: addedAliases, was_active: merged.active, merged_by: actor.userId,
    });
    const keptAfter = await writeVersion(trx, actor, kept, { aliases: [...kept.aliases, ...addedAliases] });
    const mergedAfter = await writeVersion(trx, actor, merged, { merged_into: kept.id, active: false });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'site.merged', entityType: 'site', entityId: merged.id,
      before: { mergedInto: null, active: merged.active }, after: { mergedInto: kept.id, active: false },
      context: { mergeId, keptSiteId: kept.id, movedEvictionIds: moved, addedAliases },
    });
    return { mergeId, site: presentSite(mergedAfter), kept: presentSite(keptAfter), movedEvictions: moved.length, addedAliases };
  });
}

/** Undoes the merge in force of `id`: the evictions it moved (those still at the kept site) go back, and the aliases it added are removed. */
export async function unmergeSite(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const probe = await liveSite(trx, id);
    if (!probe.merged_into) throw new AppError('site.not_merged');
    const merge = await openSiteMerge(trx, id);
    if (!merge) throw new AppError('site.not_merged');
    const [first, second] = id < merge.kept_site_id ? [id, merge.kept_site_id] : [merge.kept_site_id, id];
    const a = await liveSite(trx, first);
    const b = await liveSite(trx, second);
    const merged = a.id === id ? a : b;
    const kept = a.id === id ? b : a;
    const movedBack = await relocateEvictions(trx, actor, kept.id, merged.id, merge.moved_eviction_ids);
    const added = new Set(merge.added_aliases);
    const keptAfter = await writeVersion(trx, actor, kept, { aliases: kept.aliases.filter((n) => !added.has(n)) });
    const mergedAfter = await writeVersion(trx, actor, merged, { merged_into: null, active: merge.was_active });
    await closeSiteMerge(trx, merge.id, actor.userId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'site.unmerged', entityType: 'site', entityId: merged.id,
      before: { mergedInto: kept.id, active: false }, after: { mergedInto: null, active: merge.was_active },
      context: { mergeId: merge.id, keptSiteId: kept.id, movedBackEvictionIds: movedBack, removedAliases: merge.added_aliases },
    });
    return { mergeId: merge.id, site: presentSite(mergedAfter), kept: presentSite(keptAfter), movedBack: movedBack.length };
  });
}
