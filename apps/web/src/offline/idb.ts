/**
 * A deliberately small IndexedDB layer (no Dexie, docs/adr/0005) with encryption at rest
 * (vault.ts, docs/PHONE-SECURITY.md). IndexedDB holds only sealed rows; while the app is
 * unlocked their decrypted copy lives in memory (the phone holds little: issue 16), and every
 * read is served from it. A read-write transaction works on a private overlay of that copy; at
 * the end its rows are encrypted, then written in ONE IndexedDB transaction (a record and its
 * outbox command still land together or not at all), and only then become visible. Write
 * transactions run one at a time. Encrypting before writing is also why we cannot use
 * IndexedDB's own transactions for the work itself: WebCrypto's promises would let them commit early.
 */
import { currentOwner, databaseNameFor, onOwnerChange, type FieldUser } from './owner';
import { MAX_WRONG_CODES, MIN_CODE_LENGTH, createKeyring, isSealed, openKeyring, openRow, sealRow, type EscrowPublicKey, type Keyring, type SealedRow } from './vault';

export const STORES = {
  meta: { keyPath: 'key' },
  operations: { keyPath: 'id' },
  evictions: { keyPath: 'id' },
  incidents: { keyPath: 'id' },
  sites: { keyPath: 'id' },
  outbox: { keyPath: 'seq', autoIncrement: true },
  photos: { keyPath: 'id' },
  rounds: { keyPath: 'id' },
  testimonies: { keyPath: 'id' },
} as const;
export type StoreName = keyof typeof STORES;
const NAMES = Object.keys(STORES) as StoreName[];
/**
 * Version 2 adds the plaintext keyring; version 1's plaintext rows are encrypted at the first
 * unlock. Version 3 adds `chunks`: a file's bytes, each chunk its own sealed record, never
 * loaded into the decrypted copy (chunks.ts reads them one at a time). Version 4 adds `rounds`
 * and `testimonies` (sealed like every row), recorded offline and forgotten once confirmed.
 */
const DB_VERSION = 4;
/** Object stores outside the decrypted copy. */
const UNMIRRORED = { keyring: { keyPath: 'key' }, chunks: { keyPath: ['m', 'n'] } } as const;

/** `closed`: nobody signed in; `setup`: no unlock code chosen yet; `locked`/`unlocked`. */
export type LockState = 'closed' | 'setup' | 'locked' | 'unlocked';

let dbName: string | null = null;
let opening: Promise<IDBDatabase> | null = null;
let lockState: LockState = 'closed';
let dataKey: CryptoKey | null = null;
type Mirror = Map<StoreName, Map<IDBValidKey, Record<string, unknown>>>;
let mem: Mirror | null = null;
let nextSeq = 1;
let writing: Promise<unknown> = Promise.resolve();

export class NoFieldUser extends Error {
  constructor() {
    super('no signed-in observer on this phone');
  }
}
/** The store is locked: nothing can be read or written until the unlock code is given. */
export class Locked extends Error {
  constructor() {
    super('the local store is locked');
  }
}

const lockListeners = new Set<(s: LockState) => void>();
function setLock(s: LockState) {
  lockState = s;
  for (const l of lockListeners) l(s);
}
export const currentLock = (): LockState => lockState;
export function onLockChange(listener: (s: LockState) => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/** Switches to another observer's database, locked: their code opens it. */
export function switchDatabase(name: string | null): void {
  if (name === dbName) return;
  closeMemory();
  const previous = opening;
  opening = null;
  dbName = name;
  void previous?.then((db) => db.close(), () => undefined);
  setLock(name ? 'locked' : 'closed');
  void refreshLock();
  notify(false);
}
export const currentDatabase = (): string | null => dbName;
const follow = (u: FieldUser | null) => switchDatabase(u ? databaseNameFor(u.id) : null);

function open(): Promise<IDBDatabase> {
  const name = dbName;
  if (name === null) return Promise.reject(new NoFieldUser());
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const [n, def] of Object.entries({ ...STORES, ...UNMIRRORED })) {
        if (!db.objectStoreNames.contains(n)) db.createObjectStore(n, { keyPath: def.keyPath as string | string[], autoIncrement: 'autoIncrement' in def });
      }
    };
    req.onsuccess = () => {
      // Another tab wiping this database asks us to let go.
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => {
      if (dbName === name) opening = null;
      reject(req.error);
    };
  });
  return opening;
}

export function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** One IndexedDB transaction on the stored (sealed) rows; `fn` must not await anything but requests. */
export async function raw<R>(names: string[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<R> | R): Promise<R> {
  const db = await open();
  const t = db.transaction(names, mode);
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
    t.onerror = () => reject(t.error);
  });
  const result = await fn(t);
  await done;
  return result;
}

export const readKeyring = (): Promise<Keyring | undefined> =>
  raw(['keyring'], 'readonly', (t) => promised(t.objectStore('keyring').get('lock') as IDBRequest<Keyring | undefined>));
export const writeKeyring = (k: Keyring): Promise<void> =>
  raw(['keyring'], 'readwrite', (t) => promised(t.objectStore('keyring').put(k)).then(() => undefined));

/** Whether this observer's store has an unlock code yet (a phone opened for the first time has none). */
export async function refreshLock(): Promise<LockState> {
  const name = dbName;
  if (!name) return lockState;
  const k = await readKeyring().catch(() => undefined);
  if (name !== dbName || lockState === 'unlocked') return lockState;
  setLock(k ? 'locked' : 'setup');
  return lockState;
}

/** The data key while unlocked, to seal or open a file's chunks; Locked otherwise. */
export function sealingKey(): CryptoKey {
  if (!dataKey) throw dbName ? new Locked() : new NoFieldUser();
  return dataKey;
}

function closeMemory() {
  dataKey = null;
  mem = null;
}

/** Drops the key and the decrypted copy: the screens show the unlock form again. */
export function lock(): void {
  if (lockState !== 'unlocked') return;
  closeMemory();
  setLock('locked');
  notify(false);
}

/** Decrypts every row into memory; plaintext rows of version 1 are encrypted on the way. */
async function load(key: CryptoKey): Promise<void> {
  const stored = await raw(NAMES, 'readonly', async (t) =>
    Promise.all(NAMES.map(async (n) => [n, await promised(t.objectStore(n).getAll()), await promised(t.objectStore(n).getAllKeys())] as const)));
  const next: Mirror = new Map();
  const plain = new Map<StoreName, Map<IDBValidKey, Record<string, unknown>>>();
  let maxSeq = 0;
  for (const [n, rows, keys] of stored) {
    const m = new Map<IDBValidKey, Record<string, unknown>>();
    for (let i = 0; i < rows.length; i += 1) {
      const k = keys[i]!;
      const row = isSealed(rows[i]) ? await openRow(key, n, k, rows[i]) : (rows[i] as Record<string, unknown>);
      if (!isSealed(rows[i])) plain.set(n, (plain.get(n) ?? new Map()).set(k, row));
      m.set(k, row);
      if (n === 'outbox') maxSeq = Math.max(maxSeq, Number(k));
    }
    next.set(n, m);
  }
  if (plain.size) await commit(key, plain);
  mem = next;
  nextSeq = maxSeq + 1;
  dataKey = key;
}

export type UnlockResult = { ok: true } | { ok: false; left: number } | { ok: false; wiped: true };

/** The outbox exactly as stored: sealed rows and their keys, for the server to open (rescue.ts). */
export async function sealedOutbox(): Promise<Array<{ key: number; row: SealedRow }>> {
  return raw(['outbox'], 'readonly', async (t) => {
    const store = t.objectStore('outbox');
    const [rows, keys] = [await promised(store.getAll()), await promised(store.getAllKeys())];
    return rows.flatMap((row, i) => (isSealed(row) ? [{ key: Number(keys[i]), row }] : []));
  });
}

/** What to do before the tenth wrong code wipes the store: send the unsent work if the network allows (rescue.ts). */
export type BeforeWipe = (k: Keyring) => Promise<unknown>;

export async function chooseCode(code: string, server: EscrowPublicKey | null = null): Promise<void> {
  if (code.length < MIN_CODE_LENGTH) throw new RangeError('code too short');
  const { keyring, key } = await createKeyring(code, undefined, server);
  await writeKeyring(keyring);
  await load(key);
  setLock('unlocked');
  notify(true);
}

/**
 * A wrong code counts (in the plaintext keyring, so reloading the page does not reset it); the
 * tenth wipes this observer's local data, after `beforeWipe` tried to send the unsent work to the
 * server (docs/PHONE-SECURITY.md says what is lost when it cannot). A right code given while the
 * server's escrow key is known also escrows a data key that had none yet.
 */
export async function unlock(code: string, server: EscrowPublicKey | null = null, beforeWipe: BeforeWipe | null = null): Promise<UnlockResult> {
  const k = await readKeyring();
  if (!k) return { ok: false, left: MAX_WRONG_CODES };
  const opened = k.failures >= MAX_WRONG_CODES ? null : await openKeyring(k, code, server);
  if (!opened) {
    const failures = k.failures + 1;
    if (failures >= MAX_WRONG_CODES) {
      // Counted first: a reload during the attempt to send still finds ten failures and wipes.
      await writeKeyring({ ...k, failures });
      if (beforeWipe) await beforeWipe(k).catch(() => undefined);
      await wipe();
      return { ok: false, wiped: true };
    }
    await writeKeyring({ ...k, failures });
    return { ok: false, left: MAX_WRONG_CODES - failures };
  }
  const key = opened.key;
  if (k.failures || opened.escrow) await writeKeyring({ ...k, failures: 0, ...(opened.escrow && { escrow: opened.escrow }) });
  await load(key);
  setLock('unlocked');
  notify(true);
  return { ok: true };
}

/** Deletes this observer's local database: records, outbox, photos, keyring. */
export async function wipe(): Promise<void> {
  const name = dbName;
  if (!name) return;
  closeMemory();
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    // Another tab still holding it open closes on `versionchange`; the deletion then proceeds.
    req.onblocked = () => undefined;
  });
  try {
    localStorage.setItem('vigie.field.wiped', new Date().toISOString());
  } catch {
    // private mode: the notice is only a courtesy
  }
  setLock('setup');
  notify(true);
}

const DELETED = Symbol('deleted');
type Overlay = Map<StoreName, Map<IDBValidKey, Record<string, unknown> | typeof DELETED>>;

/** One object store inside a transaction, over the decrypted copy. */
export class Store<T> {
  constructor(private readonly name: StoreName, private readonly base: Map<IDBValidKey, Record<string, unknown>>, private readonly overlay: Overlay | null) {}
  private own() {
    if (!this.overlay) throw new Error('read-only transaction');
    let o = this.overlay.get(this.name);
    if (!o) this.overlay.set(this.name, (o = new Map()));
    return o;
  }
  private rows(): T[] {
    const o = this.overlay?.get(this.name);
    const out = new Map(this.base);
    for (const [k, v] of o ?? []) {
      if (v === DELETED) out.delete(k);
      else out.set(k, v);
    }
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => structuredClone(v) as T);
  }
  async get(key: IDBValidKey): Promise<T | undefined> {
    const o = this.overlay?.get(this.name);
    const v = o?.has(key) ? o.get(key) : this.base.get(key);
    return v === undefined || v === DELETED ? undefined : (structuredClone(v) as T);
  }
  async all(): Promise<T[]> {
    return this.rows();
  }
  async by(index: string, value: IDBValidKey): Promise<T[]> {
    return this.rows().filter((r) => (r as Record<string, unknown>)[index] === value);
  }
  async count(index?: string, value?: IDBValidKey): Promise<number> {
    return index ? (await this.by(index, value!)).length : this.rows().length;
  }
  async put(value: T): Promise<IDBValidKey> {
    const def = STORES[this.name];
    let row = structuredClone(value) as Record<string, unknown>;
    if ('autoIncrement' in def && row[def.keyPath] == null) row = { ...row, [def.keyPath]: nextSeq++ };
    const key = row[def.keyPath] as IDBValidKey;
    this.own().set(key, row);
    return key;
  }
  async update(key: IDBValidKey, patch: Partial<T>): Promise<void> {
    const cur = await this.get(key);
    if (cur !== undefined) await this.put({ ...cur, ...patch });
  }
  async delete(key: IDBValidKey): Promise<void> {
    this.own().set(key, DELETED);
  }
}
type Stores = { [K in StoreName]: Store<any> };

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('vigie-field');
// Another tab wrote to this observer's database: reload our decrypted copy, then refresh screens.
channel?.addEventListener('message', (e: MessageEvent) => {
  if (e.data !== dbName) return;
  const key = dataKey;
  if (key) void serial(() => (dataKey === key ? load(key) : undefined)).then(() => notify(false), () => undefined);
  else void refreshLock().then(() => notify(false));
});
function notify(broadcast: boolean) {
  for (const l of listeners) l();
  if (broadcast && dbName) channel?.postMessage(dbName);
}
export function onChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function serial<R>(work: () => Promise<R> | R): Promise<R> {
  const run = writing.then(work, work);
  writing = run.catch(() => undefined);
  return run;
}

/** Encrypts the overlay's rows, then writes them all in one IndexedDB transaction. */
async function commit(key: CryptoKey, overlay: Overlay): Promise<void> {
  const writes: Array<{ store: StoreName; key: IDBValidKey; sealed: object | null }> = [];
  for (const [store, rows] of overlay) {
    for (const [k, v] of rows) writes.push({ store, key: k, sealed: v === DELETED ? null : { [STORES[store].keyPath]: k, ...(await sealRow(key, store, k, v)) } });
  }
  if (!writes.length) return;
  await raw([...overlay.keys()], 'readwrite', (t) => {
    for (const w of writes) {
      if (w.sealed) t.objectStore(w.store).put(w.sealed);
      else t.objectStore(w.store).delete(w.key);
    }
  });
}

/**
 * Runs `fn` over `names`. Read-write work sees its own writes, and they become visible (and
 * durable, encrypted) together when it returns; if it throws, nothing is written.
 */
export async function tx<R>(names: readonly StoreName[], mode: IDBTransactionMode, fn: (s: Stores) => Promise<R>): Promise<R> {
  if (mode === 'readonly') {
    const m = mem;
    if (!m) throw dbName ? new Locked() : new NoFieldUser();
    return fn(Object.fromEntries(names.map((n) => [n, new Store(n, m.get(n)!, null)])) as Stores);
  }
  return serial(async () => {
    const m = mem;
    const key = dataKey;
    if (!m || !key) throw dbName ? new Locked() : new NoFieldUser();
    const overlay: Overlay = new Map();
    const result = await fn(Object.fromEntries(names.map((n) => [n, new Store(n, m.get(n)!, overlay)])) as Stores);
    // Written with the key it started with, even if the app locked meanwhile: nothing typed is lost.
    await commit(key, overlay);
    for (const [store, rows] of overlay) {
      for (const [k, v] of rows) {
        if (v === DELETED) m.get(store)!.delete(k);
        else m.get(store)!.set(k, v);
      }
    }
    if (mem === m) notify(true);
    return result;
  });
}

export const read = <R>(name: StoreName, fn: (s: Store<any>) => Promise<R>): Promise<R> => tx([name], 'readonly', (s) => fn(s[name]));

export { MAX_WRONG_CODES, MIN_CODE_LENGTH };

// The open database always is the signed-in observer's.
follow(currentOwner());
onOwnerChange(follow);
