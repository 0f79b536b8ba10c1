import { parisDate, type PhoneScope } from '@vigie/domain/rules';
import type { LocalEviction, LocalIncident, LocalOperation, LocalSite, PhotoEntry } from './types';

/**
 * What the phone keeps (issue 16, docs/PHONE-SECURITY.md): the sites of the observer's areas, the
 * evictions of the last N days of those areas (for prefilling), the observer's own evictions a
 * coordinator sent back, and everything not yet confirmed by the server. The rest leaves the phone
 * after each pull: a record the server confirmed and that falls outside the scope is deleted, and
 * so is an eviction the server names as gone (another's record this person may no longer hold:
 * unverified, or sent back after verification), with its incidents and photos.
 */
export interface LocalRows {
  operations: LocalOperation[];
  evictions: LocalEviction[];
  incidents: LocalIncident[];
  sites: LocalSite[];
  photos: PhotoEntry[];
}
export type Drop = { [K in keyof LocalRows]: string[] };

/** Not confirmed by the server: a command waits, it was refused, or it never reached the server. */
const unsent = (r: { id: string; version: number | null; syncState: string }, pending: Set<string>) =>
  pending.has(r.id) || r.syncState !== 'synced' || r.version === null;

export function scopeKey(scope: PhoneScope): string {
  // Which unverified records the phone may hold is part of it: a phone that held others' drafts
  // pulls again from the start and the server's `gone` list clears them.
  return `${[...scope.areaIds].sort().join(',')}|${scope.prefillDays}|${scope.unverified}`;
}

export function outOfScope(rows: LocalRows, scope: PhoneScope, pending: Set<string>, ownerId: string, gone: ReadonlySet<string> = new Set()): Drop {
  const areas = new Set(scope.areaIds);
  const operationArea = new Map(rows.operations.map((o) => [o.id, o.record.areaId]));
  const siteArea = new Map(rows.sites.map((s) => [s.id, s.record.areaId]));
  const waiting = rows.photos.filter((p) => p.state !== 'uploaded');
  const photoWaits = new Set(waiting.map((p) => p.evictionId));
  // A photo uploads once its incident is on the server: the incident stays until the photo is sent.
  const incidentPhotoWaits = new Set(waiting.map((p) => p.incidentId));
  const keepEviction = (e: LocalEviction) => {
    if (unsent(e, pending) || photoWaits.has(e.id)) return true;
    if (gone.has(e.id)) return false;
    if (e.status === 'rejected' && e.createdById === ownerId) return true; // "À corriger": theirs until corrected
    const area = operationArea.get(e.operationId) ?? siteArea.get(e.siteId);
    return area !== undefined && areas.has(area) && parisDate(e.record.arrivedAt) >= scope.since;
  };
  const evictions = rows.evictions.filter(keepEviction);
  const keptEvictions = new Set(evictions.map((e) => e.id));
  const usedOperations = new Set(evictions.map((e) => e.operationId));
  const usedSites = new Set(evictions.map((e) => e.siteId));
  const keepOperation = (o: LocalOperation) =>
    unsent(o, pending) || usedOperations.has(o.id) || (areas.has(o.record.areaId) && parisDate(o.record.startedAt) >= scope.since);
  const dropped = <T extends { id: string }>(all: T[], keep: (r: T) => boolean) => all.filter((r) => !keep(r)).map((r) => r.id);
  // Outside an eviction: kept while unsent, incomplete, sent back by a coordinator (the pull sends only those) or a photo waits.
  const keepIncident = (i: LocalIncident) => unsent(i, pending) || i.incomplete === true || incidentPhotoWaits.has(i.id)
    || (i.evictionId === null ? i.rejected === true : keptEvictions.has(i.evictionId));
  const keptIncidents = new Set(rows.incidents.filter(keepIncident).map((i) => i.id));
  return {
    evictions: dropped(rows.evictions, keepEviction),
    operations: dropped(rows.operations, keepOperation),
    incidents: dropped(rows.incidents, keepIncident),
    sites: dropped(rows.sites, (s) => unsent(s, pending) || usedSites.has(s.id) || areas.has(s.record.areaId)),
    // Bytes already left at the server's confirmation; the entry follows its eviction, or its incident outside one.
    photos: rows.photos.filter((p) => p.state === 'uploaded' && !(p.evictionId === null ? keptIncidents.has(p.incidentId ?? '') : keptEvictions.has(p.evictionId))).map((p) => p.id),
  };
}
