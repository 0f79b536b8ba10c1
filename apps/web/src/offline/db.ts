import { read, tx } from './idb';
import type { LocalEviction, LocalIncident, LocalOperation, LocalRound, LocalSite, LocalTestimony, OutboxEntry, PhotoEntry } from './types';

/**
 * The phone's copy of field data (IndexedDB, see idb.ts). Everything the observer types lands
 * here first; the outbox carries it to the server when there is a network.
 */
export interface Rows {
  meta: { key: string; value: unknown };
  operations: LocalOperation;
  evictions: LocalEviction;
  incidents: LocalIncident;
  sites: LocalSite;
  outbox: OutboxEntry;
  photos: PhotoEntry;
  rounds: LocalRound;
  testimonies: LocalTestimony;
}

export const getOne = <K extends keyof Rows>(name: K, key: IDBValidKey) => read(name, (s) => s.get(key) as Promise<Rows[K] | undefined>);
export const getAll = <K extends keyof Rows>(name: K) => read(name, (s) => s.all() as Promise<Rows[K][]>);
export const getBy = <K extends keyof Rows>(name: K, index: string, value: IDBValidKey) => read(name, (s) => s.by(index, value) as Promise<Rows[K][]>);
export const countOf = <K extends keyof Rows>(name: K, index?: string, value?: IDBValidKey) => read(name, (s) => s.count(index, value));

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await getOne('meta', key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await tx(['meta'], 'readwrite', (s) => s.meta.put({ key, value }));
}

/** Outbox in sending order. */
export async function outboxInOrder(): Promise<OutboxEntry[]> {
  return (await getAll('outbox')).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}
