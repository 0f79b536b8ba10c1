import type { SessionView, SyncResult } from '@vigie/domain/rules';
import { ApiError, api } from '../api/client';
import { getAll, getMeta, outboxInOrder, setMeta } from './db';
import { Locked, currentLock, onLockChange, readKeyring, tx, wipe, writeKeyring } from './idb';
import { evictionFromView, incidentFromView, mergePulled, operationFromView, siteFromView } from './merge';
import { applyResults, backoffMs, isTransient, selectBatch, toCommand } from './outbox';
import { activateOwner, currentOwner, onOwnerChange, type FieldUser } from './owner';
import { outOfScope, scopeKey } from './scope';
import { refreshSyncStateIn, setLocalChangeHandler } from './store';
import { uploadPhotos } from './uploader';
import type { OutboxEntry, PullResponse, Reference, Stored, TableName } from './types';

/**
 * The sync loop: push the outbox in order, then pull what changed since the stored cursor, then
 * refresh the cached reference lists, then upload the photos whose eviction is on the server. Runs when the app starts, when the browser says it is
 * online, shortly after each local change, every minute while online, and after failures with
 * exponential backoff. Nothing is ever deleted from the outbox except on `applied`/`replayed`.
 */

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** Commands waiting, of which `failed` are rejected or in conflict. */
  pending: number;
  failed: number;
  lastSyncAt: string | null;
  /** Why the last attempt failed (translated), or null. */
  lastError: string | null;
  /** The session is gone: the observer must sign in again before anything can be sent. */
  signInNeeded: boolean;
  /**
   * The session belongs to someone else than the observer whose records are open (a shared
   * phone): nothing is sent until the right person signs in.
   */
  otherAccount: boolean;
}

let status: SyncStatus = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine, syncing: false, pending: 0, failed: 0, lastSyncAt: null, lastError: null,
  signInNeeded: false, otherAccount: false,
};
const listeners = new Set<(s: SyncStatus) => void>();
let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let failures = 0;
let running: Promise<void> | null = null;
let referenceStale = true;
/** The observer saved something since the current run began: a long upload gives way, the next run comes soon. */
let changedDuringRun = false;

const PERIOD_MS = 60_000;
const AFTER_CHANGE_MS = 1_500;
const REFERENCE_MAX_AGE_MS = 6 * 3600_000;

function set(patch: Partial<SyncStatus>) {
  status = { ...status, ...patch };
  for (const l of listeners) l(status);
}

export function subscribe(listener: (s: SyncStatus) => void): () => void {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

export function currentStatus(): SyncStatus {
  return status;
}

async function countOutbox() {
  if (!currentOwner() || currentLock() !== 'unlocked') return set({ pending: 0, failed: 0 });
  const all = await getAll('outbox').catch(() => []);
  set({ pending: all.length, failed: all.filter((e) => e.state !== 'queued').length });
}

/** The open records changed hands (sign-in, sign-out, another tab) while a run was under way. */
class OwnerChanged extends Error {}

function schedule(ms: number) {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void syncNow(), ms);
}

export function startSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    set({ online: true, signInNeeded: false });
    failures = 0;
    schedule(0);
  });
  window.addEventListener('offline', () => set({ online: false }));
  setLocalChangeHandler(() => {
    changedDuringRun = true;
    void countOutbox();
    schedule(AFTER_CHANGE_MS);
  });
  onOwnerChange(() => {
    // Another observer's records: their own cursor, outbox and history of failures.
    failures = 0;
    set({ lastSyncAt: null, lastError: null, signInNeeded: false, otherAccount: false });
    void countOutbox();
    schedule(0);
  });
  onLockChange((state) => {
    void countOutbox();
    if (state === 'unlocked') {
      referenceStale = true;
      schedule(0);
    }
  });
  void countOutbox();
  schedule(0);
}

/** The signed-in observer's records are the ones opened and sent (see owner.ts), then the loop starts. */
export function startSyncFor(user: FieldUser): void {
  activateOwner(user);
  startSync();
}

/** "Synchroniser maintenant" — also what the loop calls. Concurrent calls share one run. */
export function syncNow(): Promise<void> {
  if (!running) running = run().finally(() => (running = null));
  return running;
}

async function run(): Promise<void> {
  if (timer) clearTimeout(timer);
  set({ online: navigator.onLine });
  if (!navigator.onLine) {
    // navigator.onLine is only a hint (captive portals, flaky 3G): still probe now and then.
    schedule(backoffMs(++failures));
    return;
  }
  const owner = currentOwner();
  if (!owner) return; // nobody signed in on this phone: nothing is shown, nothing is sent
  const stillOwner = () => {
    if (currentOwner()?.id !== owner.id) throw new OwnerChanged();
  };
  set({ syncing: true });
  changedDuringRun = false;
  try {
    // Every run: whose session is this? Also hands the CSRF token to the API client when the app
    // was opened offline. One observer's records never leave under another one's session.
    const session = await api.get<SessionView>('/api/auth/me');
    if (session.user.id !== owner.id) {
      set({ otherAccount: true, lastError: null });
      return; // resumes when the owner changes (sign-in) or on a manual sync
    }
    set({ otherAccount: false });
    // A phone a coordinator revoked wipes itself now, locked or not (docs/PHONE-SECURITY.md).
    if (await checkDevice()) return;
    stillOwner();
    if (currentLock() !== 'unlocked') return; // resumes at unlock: nothing can be read while locked
    // The lists are needed to start an operation; their failure must not hold the outbox back.
    // Forced once per unlock: lists edited while the store was locked could not be cached then.
    const reference = refreshReference(referenceStale).then((r) => {
      referenceStale = false;
      return r;
    }, (error: unknown) => error);
    await pushAll(stillOwner);
    await pull(stillOwner, owner);
    const refError = await reference;
    if (refError instanceof Error) throw refError;
    // Files last: their record must be on the server, and a long upload must not hold data back —
    // it stops between two chunks when the observer saves something, and resumes after the push.
    await uploadPhotos(stillOwner, () => changedDuringRun);
    await reportPending();
    failures = 0;
    set({ lastSyncAt: new Date().toISOString(), lastError: null, signInNeeded: false, online: true });
    schedule(changedDuringRun ? AFTER_CHANGE_MS : PERIOD_MS);
  } catch (error) {
    if (error instanceof OwnerChanged) return; // the owner change already scheduled a run for the new one
    if (error instanceof Locked) return; // an upload stopped at the lock; the unlock starts a run
    const e = error instanceof ApiError ? error : null;
    if (e && (e.status === 401 || e.code === 'auth.unauthenticated')) {
      set({ signInNeeded: true, lastError: e.message });
      return; // resumes on the next 'online' event, sign-in or manual sync
    }
    set({ lastError: error instanceof Error ? error.message : String(error), online: !(e && e.status === 0) && navigator.onLine });
    schedule(backoffMs(++failures));
  } finally {
    set({ syncing: false });
    await countOutbox();
  }
}

/**
 * Registers this phone's store once, then asks at every contact whether it was revoked. True when
 * it was, and the local data is now wiped.
 */
async function checkDevice(): Promise<boolean> {
  const k = await readKeyring().catch(() => undefined);
  if (!k) return false;
  if (!k.registered) {
    const { revoked } = await api.post<{ revoked: boolean }>('/api/field/devices', { id: k.deviceId, label: deviceLabel() });
    if (!revoked) {
      await writeKeyring({ ...k, registered: true });
      return false;
    }
  } else if (!(await api.get<{ revoked: boolean }>(`/api/field/devices/${k.deviceId}/status`)).revoked) {
    return false;
  }
  await wipe();
  await api.get(`/api/field/devices/${k.deviceId}/status?wiped=1`).catch(() => undefined);
  return true;
}

let reported = '';

/**
 * Tells the server what this phone still holds unsent (records in the outbox, photos not
 * uploaded), when it changed: a field phone is not checked back in while it holds any (issue 19).
 */
async function reportPending(): Promise<void> {
  const k = await readKeyring().catch(() => undefined);
  if (!k?.registered) return;
  const records = (await getAll('outbox')).length;
  const media = (await getAll('photos')).filter((p) => p.state !== 'uploaded').length;
  const key = `${k.deviceId}:${records}:${media}`;
  if (key === reported) return;
  await api.get(`/api/field/devices/${k.deviceId}/status?pendingRecords=${records}&pendingMedia=${media}`);
  reported = key;
}

/** What a coordinator sees in the list of phones: the browser and system, nothing more precise. */
export function deviceLabel(): string {
  const ua = navigator.userAgent;
  const system = /Android [\d.]+|iPhone OS [\d_]+|Windows NT [\d.]+|Mac OS X [\d_]+|Linux/.exec(ua)?.[0] ?? '?';
  const browser = /(Firefox|Chrome|Safari)\/\d+/.exec(ua)?.[0] ?? '?';
  return `${system} · ${browser}`.slice(0, 80);
}

async function versionsSnapshot(): Promise<(table: TableName, id: string) => number | null> {
  const map = new Map<string, number | null>();
  for (const t of ['operations', 'evictions', 'sites', 'incidents'] as const) {
    for (const r of (await getAll(t)) as Stored<unknown>[]) map.set(`${t}:${r.id}`, r.version);
  }
  return (table, id) => map.get(`${table}:${id}`) ?? null;
}

async function pushAll(stillOwner: () => void): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const queue = await outboxInOrder();
    const batch = selectBatch(queue, await versionsSnapshot());
    if (!batch.length) return;
    stillOwner();
    // Frozen base versions are stored before sending, so a retry sends the same command.
    await putEntries(batch);
    let results: SyncResult[];
    try {
      ({ results } = await api.post<{ results: SyncResult[] }>('/api/sync/push', { commands: batch.map(toCommand) }));
    } catch (error) {
      if (error instanceof ApiError && !isTransient(error.status) && error.status !== 401 && error.code !== 'request.csrf_failed') {
        // The whole batch was refused (e.g. malformed): nothing is dropped, the message is shown.
        await putEntries(batch.map((e) => ({ ...e, attempts: e.attempts + 1, lastAttemptAt: new Date().toISOString() })));
      }
      throw error;
    }
    // The answer belongs to the records it was sent for: if they are no longer the open ones, it
    // is dropped, and the commands replayed later (same ids) are answered `replayed`.
    stillOwner();
    await applyPlan(batch, results);
  }
}

/** Recorded once on the phone and never pulled back: they leave it as soon as the server confirms them. */
const FORGOTTEN_ON_CONFIRM: ReadonlySet<TableName> = new Set(['rounds', 'testimonies']);

async function applyPlan(batch: OutboxEntry[], results: SyncResult[]): Promise<void> {
  const plan = applyResults(batch, results, new Date().toISOString());
  await tx(['outbox', 'operations', 'evictions', 'sites', 'incidents', 'rounds', 'testimonies'], 'readwrite', async (s) => {
    for (const e of plan.remove) await s.outbox.delete(e.seq!);
    for (const e of plan.keep) await s.outbox.put(e);
    for (const r of plan.records) {
      if (r.version !== undefined) await s[r.table].update(r.id, { version: r.version });
      await refreshSyncStateIn(s.outbox, s[r.table], r.id);
      if (r.version !== undefined && FORGOTTEN_ON_CONFIRM.has(r.table) && (await s.outbox.by('recordId', r.id)).length === 0) await s[r.table].delete(r.id);
    }
  });
}

async function putEntries(entries: OutboxEntry[]): Promise<void> {
  await tx(['outbox'], 'readwrite', async (s) => {
    for (const e of entries) await s.outbox.put(e);
  });
}

async function pull(stillOwner: () => void, owner: FieldUser, again = true): Promise<void> {
  const since = (await getMeta<number>('cursor')) ?? 0;
  const res = await api.get<PullResponse>(`/api/sync/pull?since=${encodeURIComponent(String(since))}`);
  stillOwner();
  const scope = res.scope;
  // A new area or a longer window: records that were out of scope were never sent, start over.
  if (scope && since > 0 && again && scopeKey(scope) !== (await getMeta<string>('scopeKey'))) {
    await tx(['meta'], 'readwrite', async (s) => {
      await s.meta.put({ key: 'cursor', value: 0 });
      await s.meta.put({ key: 'scopeKey', value: scopeKey(scope) });
    });
    return pull(stillOwner, owner, false);
  }
  await tx(['operations', 'evictions', 'sites', 'incidents', 'meta', 'outbox', 'photos'], 'readwrite', async (s) => {
    // Read inside the transaction: an edit made while the pull was in flight is not overwritten.
    const pendingIds = new Set(((await s.outbox.all()) as OutboxEntry[]).map((e) => e.recordId));
    for (const v of res.operations ?? []) {
      const next = mergePulled(await s.operations.get(v.id), operationFromView(v), pendingIds.has(v.id));
      if (next) await s.operations.put(next);
    }
    for (const v of res.sites ?? []) {
      const next = mergePulled(await s.sites.get(v.id), siteFromView(v), pendingIds.has(v.id));
      if (next) await s.sites.put(next);
    }
    for (const v of res.evictions ?? []) {
      const local = await s.evictions.get(v.id);
      const next = mergePulled(local, evictionFromView(v, local), pendingIds.has(v.id));
      if (next) await s.evictions.put(next);
    }
    for (const v of res.incidents ?? []) {
      const next = mergePulled(await s.incidents.get(v.id), incidentFromView(v), pendingIds.has(v.id));
      if (next) await s.incidents.put(next);
    }
    if (scope) {
      // What the server confirmed and the phone no longer needs leaves it (scope.ts).
      const rows = {
        operations: await s.operations.all(), evictions: await s.evictions.all(), incidents: await s.incidents.all(),
        sites: await s.sites.all(), photos: await s.photos.all(),
      };
      const drop = outOfScope(rows, scope, pendingIds, owner.id, new Set(res.gone?.evictions ?? []));
      for (const name of ['operations', 'evictions', 'incidents', 'sites', 'photos'] as const) {
        for (const id of drop[name]) await s[name].delete(id);
      }
      await s.meta.put({ key: 'scopeKey', value: scopeKey(scope) });
      await s.meta.put({ key: 'scope', value: scope });
    }
    await s.meta.put({ key: 'cursor', value: res.cursor });
  });
}

/** Areas, communes, taxonomies and members, cached for offline use. */
export async function refreshReference(force: boolean): Promise<Reference | undefined> {
  if (!force) {
    const fetchedAt = await getMeta<string>('referenceFetchedAt');
    const cached = await getMeta<Reference>('reference');
    if (cached && fetchedAt && Date.now() - Date.parse(fetchedAt) < REFERENCE_MAX_AGE_MS) return cached;
  }
  const ref = await api.get<Reference>('/api/field/reference');
  // A locked (or never opened) store cannot take them: the next sync run after unlocking will.
  if (currentLock() !== 'unlocked') return ref;
  await setMeta('reference', ref);
  await setMeta('referenceFetchedAt', new Date().toISOString());
  return ref;
}
