/**
 * A deliberately small IndexedDB layer (~2 KB) instead of Dexie (~31 KB gzipped), so that the
 * capture route fits its 80 KB budget. It offers what the field app needs: object stores with
 * a few indexes, multi-store read-write transactions (a record and its outbox command are
 * written atomically), and change notifications for live queries, across tabs too.
 */
import { currentOwner, databaseNameFor, onOwnerChange, type FieldUser } from './owner';

export const STORES = {
  meta: { keyPath: 'key', indexes: [] },
  operations: { keyPath: 'id', indexes: [] },
  evictions: { keyPath: 'id', indexes: ['operationId', 'siteId'] },
  incidents: { keyPath: 'id', indexes: ['evictionId'] },
  sites: { keyPath: 'id', indexes: [] },
  outbox: { keyPath: 'seq', autoIncrement: true, indexes: ['recordId'] },
  photos: { keyPath: 'id', indexes: ['evictionId'] },
} as const;
export type StoreName = keyof typeof STORES;

const DB_VERSION = 1;

/** One database per observer (see owner.ts); null when nobody is signed in on this phone. */
let dbName: string | null = null;
let opening: Promise<IDBDatabase> | null = null;

export class NoFieldUser extends Error {
  constructor() {
    super('no signed-in observer on this phone');
  }
}

/**
 * Switches to another observer's database. The open connection is closed (transactions already
 * started finish first), and every live query re-runs against the new one.
 */
export function switchDatabase(name: string | null): void {
  if (name === dbName) return;
  const previous = opening;
  opening = null;
  dbName = name;
  void previous?.then((db) => db.close(), () => undefined);
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
      for (const [name, def] of Object.entries(STORES)) {
        if (db.objectStoreNames.contains(name)) continue;
        const store = db.createObjectStore(name, { keyPath: def.keyPath, autoIncrement: 'autoIncrement' in def });
        for (const index of def.indexes) store.createIndex(index, index);
      }
    };
    req.onsuccess = () => resolve(req.result);
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

/** One object store inside a transaction. Awaiting its promises keeps the transaction alive. */
export class Store<T> {
  constructor(private readonly s: IDBObjectStore) {}
  get(key: IDBValidKey): Promise<T | undefined> {
    return promised(this.s.get(key) as IDBRequest<T | undefined>);
  }
  all(): Promise<T[]> {
    return promised(this.s.getAll() as IDBRequest<T[]>);
  }
  by(index: string, value: IDBValidKey): Promise<T[]> {
    return promised(this.s.index(index).getAll(value) as IDBRequest<T[]>);
  }
  count(index?: string, value?: IDBValidKey): Promise<number> {
    return promised(index ? this.s.index(index).count(value) : this.s.count());
  }
  put(value: T): Promise<IDBValidKey> {
    return promised(this.s.put(value));
  }
  async update(key: IDBValidKey, patch: Partial<T>): Promise<void> {
    const cur = await this.get(key);
    if (cur !== undefined) await this.put({ ...cur, ...patch });
  }
  delete(key: IDBValidKey): Promise<void> {
    return promised(this.s.delete(key)).then(() => undefined);
  }
}

type Stores = { [K in StoreName]: Store<any> };

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('vigie-field');
// Other tabs say which database changed: a tab showing another observer's data ignores it.
channel?.addEventListener('message', (e: MessageEvent) => {
  if (e.data === dbName) notify(false);
});

function notify(broadcast: boolean) {
  for (const l of listeners) l();
  if (broadcast && dbName) channel?.postMessage(dbName);
}

/** Called after every committed write, in this tab and in the others. */
export function onChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `fn` in one transaction over `names`. Inside, only await the stores' own promises (no
 * fetch, no timers), or the browser commits the transaction early.
 */
export async function tx<R>(names: readonly StoreName[], mode: IDBTransactionMode, fn: (s: Stores) => Promise<R>): Promise<R> {
  const db = await open();
  const name = dbName;
  const t = db.transaction([...names], mode);
  const stores = Object.fromEntries(names.map((n) => [n, new Store(t.objectStore(n))])) as Stores;
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
    t.onerror = () => reject(t.error);
  });
  let result: R;
  try {
    result = await fn(stores);
  } catch (error) {
    try {
      t.abort();
    } catch {
      // already finished
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  if (mode === 'readwrite' && name === dbName) notify(true);
  return result;
}

/** Shorthands for single reads (each its own transaction). */
export const read = <R>(name: StoreName, fn: (s: Store<any>) => Promise<R>): Promise<R> => tx([name], 'readonly', (s) => fn(s[name]));

// The open database always is the signed-in observer's.
follow(currentOwner());
onOwnerChange(follow);
