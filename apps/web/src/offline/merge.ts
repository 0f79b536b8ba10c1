import type { EvictionInput, IncidentInput, OperationInput, SiteInput } from '@vigie/domain/rules';
import type { EvictionView, IncidentView, LocalEviction, LocalIncident, LocalOperation, LocalSite, OperationView, SiteView, Stored } from './types';

/**
 * Merging what the server sends (pull) into what the phone holds. A record with commands still
 * in the outbox is the observer's latest word: it is kept as is, and any divergence surfaces as a
 * conflict when the outbox is pushed. Otherwise the server's version replaces the local one.
 */

const OPERATION_KEYS = ['id', 'areaId', 'startedAt', 'endedAt', 'operationType', 'officerInCharge', 'authoritiesPresent', 'weatherAlert', 'observerIds', 'notes'] as const satisfies readonly (keyof OperationInput)[];
const EVICTION_KEYS = [
  'id', 'operationId', 'siteId', 'arrivedAt', 'leftAt', 'coverage', 'quick', 'counts', 'seized', 'destroyed', 'legalBasisText',
  'legalBasisCategory', 'interpreter', 'bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution',
  'peopleMovingBack', 'forces', 'notes',
] as const satisfies readonly (keyof EvictionInput)[];
const SITE_KEYS = ['id', 'code', 'name', 'aliases', 'areaId', 'communeInsee', 'latitude', 'longitude', 'active', 'notes'] as const satisfies readonly (keyof SiteInput)[];
const INCIDENT_KEYS = ['id', 'evictionId', 'kind', 'incidentType', 'occurredAt', 'unit', 'description', 'victims', 'areaCode', 'siteId', 'place'] as const satisfies readonly (keyof IncidentInput)[];

/** Keeps only the input fields (the server rejects unknown keys when the record is sent back). */
export function pick<T>(view: object, keys: readonly string[]): T {
  const src = view as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in src) out[k] = src[k];
  return out as T;
}

function base<T>(record: T & { id: string }, version: number, updatedAt: string): Stored<T> {
  return { id: record.id, record, version, syncState: 'synced', error: null, updatedAt };
}

export function operationFromView(v: OperationView): LocalOperation {
  return base(pick<OperationInput>(v, OPERATION_KEYS), v.version, v.updatedAt);
}

export function siteFromView(v: SiteView): LocalSite {
  return base(pick<SiteInput>(v, SITE_KEYS), v.version, v.updatedAt);
}

export function incidentFromView(v: IncidentView): LocalIncident {
  return { ...base(pick<IncidentInput>(v, INCIDENT_KEYS), v.version, v.updatedAt), evictionId: v.evictionId, incomplete: false, rejected: v.status === 'rejected' };
}

/** The server sends the author's id (older builds sent { id, displayName }). */
const creatorOf = (c: unknown): string | null =>
  typeof c === 'string' ? c : c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string' ? (c as { id: string }).id : null;

export function evictionFromView(v: EvictionView, local?: LocalEviction): LocalEviction {
  const record = pick<EvictionInput>(v, EVICTION_KEYS);
  return {
    ...base(record, v.version, v.updatedAt),
    operationId: record.operationId,
    siteId: record.siteId,
    status: v.status,
    rejectionReason: v.rejectionReason ?? null,
    suggestions: local?.suggestions ?? null,
    prefilledFrom: local?.prefilledFrom ?? null,
    createdById: creatorOf(v.createdBy) ?? local?.createdById ?? null,
  };
}

/**
 * The record to store after a pull, or null to keep the local one untouched. An older server
 * version never replaces a newer acknowledged local one.
 */
export function mergePulled<L extends Stored<unknown>>(local: L | undefined, incoming: L, hasPendingCommands: boolean): L | null {
  if (!local) return incoming;
  if (hasPendingCommands || local.syncState !== 'synced') return null;
  if (local.version !== null && incoming.version !== null && incoming.version < local.version) return null;
  return incoming;
}
