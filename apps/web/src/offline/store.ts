import type { EvictionInput, IncidentInput, OperationInput, RoundInput, SiteInput, TestimonyOffline } from '@vigie/domain/rules';
import { getMeta, setMeta } from './db';
import { tx, type Store } from './idb';
import { planEnqueue, syncStateOf, type NewCommand } from './outbox';
import { retryPhoto } from './upload';
import type { LocalEviction, LocalIncident, LocalOperation, LocalRound, LocalSite, LocalTestimony, OutboxEntry, PhotoEntry, Reference, Stored, TableName } from './types';

/** Local writes: a record and its outbox command are saved together, in one transaction. */

export const newId = (): string => crypto.randomUUID();
const nowIso = () => new Date().toISOString();
const RECORD_STORES = ['operations', 'evictions', 'sites', 'incidents', 'rounds', 'testimonies', 'outbox'] as const;

/** Appends (or coalesces) a command; call inside a transaction holding `outbox` and the table. */
export async function enqueueIn(outbox: Store<OutboxEntry>, table: Store<Stored<unknown>>, cmd: NewCommand): Promise<void> {
  const existing = await outbox.by('recordId', cmd.recordId);
  const plan = planEnqueue(existing, cmd, newId, nowIso());
  await outbox.put(plan.entry);
  await refreshSyncStateIn(outbox, table, cmd.recordId);
}

/** A record's sync badge follows the commands still waiting for it. */
export async function refreshSyncStateIn(outbox: Store<OutboxEntry>, table: Store<Stored<unknown>>, id: string): Promise<void> {
  const { state, error } = syncStateOf(await outbox.by('recordId', id));
  await table.update(id, { syncState: state, error });
}

/** Set by the sync loop: a local change asks for a push soon. */
let onLocalChange: (() => void) | null = null;
export function setLocalChangeHandler(handler: (() => void) | null): void {
  onLocalChange = handler;
}
export const localChanged = (): void => onLocalChange?.();

async function saveWith<T extends Stored<unknown>>(table: TableName, cmd: NewCommand, build: (prev: T | undefined) => T): Promise<void> {
  await tx([table, 'outbox'], 'readwrite', async (s) => {
    const prev = (await s[table].get(cmd.recordId)) as T | undefined;
    await s[table].put(build(prev));
    await enqueueIn(s.outbox, s[table], cmd);
  });
  onLocalChange?.();
}

export async function saveOperation(record: OperationInput): Promise<void> {
  await saveWith<LocalOperation>('operations', { type: 'operation.save', table: 'operations', recordId: record.id, record }, (prev) => ({
    id: record.id, record, version: prev?.version ?? null, syncState: 'pending', error: prev?.error ?? null, updatedAt: nowIso(),
  }));
  await setMeta('lastAreaId', record.areaId);
}

/** Saves the eviction locally and queues it; `extra` carries local-only fields (suggestions…). */
export async function saveEviction(record: EvictionInput, extra: Partial<Pick<LocalEviction, 'suggestions' | 'prefilledFrom' | 'status'>> = {}): Promise<void> {
  await saveWith<LocalEviction>('evictions', { type: 'eviction.save', table: 'evictions', recordId: record.id, record }, (prev) => ({
    id: record.id,
    record,
    operationId: record.operationId,
    siteId: record.siteId,
    version: prev?.version ?? null,
    syncState: 'pending',
    error: prev?.error ?? null,
    updatedAt: nowIso(),
    status: extra.status ?? prev?.status ?? 'draft',
    rejectionReason: prev?.rejectionReason ?? null,
    suggestions: 'suggestions' in extra ? extra.suggestions ?? null : prev?.suggestions ?? null,
    prefilledFrom: 'prefilledFrom' in extra ? extra.prefilledFrom ?? null : prev?.prefilledFrom ?? null,
  }));
}

/** Saves the latest content then queues the submission, both in one transaction. */
export async function submitEviction(record: EvictionInput): Promise<void> {
  await saveEviction(record, { status: 'submitted' });
  await tx(['evictions', 'outbox'], 'readwrite', (s) =>
    enqueueIn(s.outbox, s.evictions, { type: 'eviction.submit', table: 'evictions', recordId: record.id, record: { id: record.id } }),
  );
  onLocalChange?.();
}

/**
 * Saves an incident on the phone. Only a complete one joins the outbox (the server would refuse
 * the rest); an incomplete one stays here, marked, until the observer completes it.
 */
export async function saveIncident(record: IncidentInput, complete: boolean): Promise<void> {
  // 'pending' also while incomplete: a pull must not replace what the observer is still typing.
  const build = (prev: LocalIncident | undefined): LocalIncident => ({
    id: record.id, record, evictionId: record.evictionId, version: prev?.version ?? null, syncState: 'pending',
    error: prev?.error ?? null, updatedAt: nowIso(), incomplete: !complete,
  });
  if (complete) {
    await saveWith<LocalIncident>('incidents', { type: 'incident.save', table: 'incidents', recordId: record.id, record }, build);
    return;
  }
  await tx(['incidents'], 'readwrite', async (s) => s.incidents.put(build((await s.incidents.get(record.id)) as LocalIncident | undefined)));
}

export async function saveSite(record: SiteInput): Promise<void> {
  await saveWith<LocalSite>('sites', { type: 'site.save', table: 'sites', recordId: record.id, record }, (prev) => ({
    id: record.id, record, version: prev?.version ?? null, syncState: 'pending', error: null, updatedAt: nowIso(),
  }));
}

/** An outreach round recorded on the phone (area, times, team, sites, counts): queued at once. */
export async function saveRound(record: RoundInput): Promise<void> {
  await saveWith<LocalRound>('rounds', { type: 'round.save', table: 'rounds', recordId: record.id, record }, (prev) => ({
    id: record.id, record, version: null, syncState: 'pending', error: prev?.error ?? null, updatedAt: nowIso(),
  }));
}

/**
 * A testimony taken on the phone, with the hash of the withdrawal code shown on the card (the
 * code itself is never stored: withdrawal-code.ts). Queued at once; without consent the server
 * keeps it as a draft nothing can use.
 */
export async function saveTestimony(record: TestimonyOffline): Promise<void> {
  await saveWith<LocalTestimony>('testimonies', { type: 'testimony.save', table: 'testimonies', recordId: record.id, record }, (prev) => ({
    id: record.id, record, version: null, syncState: 'pending', error: prev?.error ?? null, updatedAt: nowIso(),
  }));
}

/**
 * A round or testimony the server refused has no screen to fix it in (it is recorded once): the
 * observer reads the reason and may take it off the phone, command and record together.
 */
export async function discardRefused(entry: OutboxEntry): Promise<void> {
  if (entry.state !== 'rejected' || (entry.table !== 'rounds' && entry.table !== 'testimonies')) return;
  await tx([entry.table, 'outbox'], 'readwrite', async (s) => {
    for (const e of (await s.outbox.by('recordId', entry.recordId)) as OutboxEntry[]) await s.outbox.delete(e.seq!);
    await s[entry.table].delete(entry.recordId);
  });
  onLocalChange?.();
}

/**
 * After a conflict the observer chose to send their version again, on top of the server's one.
 * The conflicting command is replaced by a new one (new id, base = the server's version).
 */
export async function resendMine(entry: OutboxEntry): Promise<void> {
  await tx(RECORD_STORES, 'readwrite', async (s) => {
    const table = s[entry.table];
    const local = (await table.get(entry.recordId)) as Stored<unknown> | undefined;
    const record = entry.type === 'eviction.submit' ? entry.record : local?.record ?? entry.record;
    await s.outbox.put({
      ...entry, commandId: newId(), record, state: 'queued', attempts: 0, error: null, frozen: true,
      baseVersion: entry.serverVersion, serverVersion: null, lastAttemptAt: null,
    });
    if (entry.serverVersion !== null) await table.update(entry.recordId, { version: entry.serverVersion });
    await refreshSyncStateIn(s.outbox, table, entry.recordId);
  });
  onLocalChange?.();
}

/** A refused file goes back to the queue, bytes untouched; the sync loop sends it again. */
export async function retryRefusedPhoto(id: string): Promise<void> {
  await tx(['photos'], 'readwrite', async (s) => {
    const p = (await s.photos.get(id)) as PhotoEntry | undefined;
    if (p) await s.photos.put(retryPhoto(p));
  });
  onLocalChange?.();
}

export const getReference = () => getMeta<Reference>('reference');
export const getLastAreaId = () => getMeta<string>('lastAreaId');

export type { FieldUser } from './owner';
