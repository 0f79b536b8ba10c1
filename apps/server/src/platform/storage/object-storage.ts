import type { Readable } from 'node:stream';

/**
 * Where large files live (evidence originals, publication copies), by key. Keys are
 * slash-separated paths of [A-Za-z0-9._-] segments chosen by the server, never by a user.
 * Implementations stream: a 500 MiB video is never held in memory.
 */
export interface ObjectStorage {
  /** Stores the stream under the key, replacing any object there; sizeBytes is its exact length. */
  put(key: string, body: Readable, sizeBytes: number): Promise<void>;
  /** The object's bytes; rejects with ObjectNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error (compensation may repeat). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object under ${key}`);
  }
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could climb out of the storage root ("..", absolute paths, backslashes). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 512) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  return key;
}
