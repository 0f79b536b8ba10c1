/**
 * Whose field data this phone shows and sends. HRO's phones are shared between observers: each
 * observer has their own local database (IndexedDB `vigie-field-<user id>`), and only the
 * signed-in observer's one is open. Another observer signing in switches to theirs; the previous
 * observer's records and unsent outbox stay on the phone, untouched, and leave it only once that
 * observer signs in again (sync.ts checks the session is theirs before sending anything).
 *
 * The pointer lives in localStorage so that the app opened with no network (the session cannot be
 * checked) still knows whose data to open, and so that every open tab follows a sign-in made in
 * another one. This module stays tiny and DOM-light: the shell imports it for sign-out.
 */

export interface FieldUser {
  id: string;
  displayName: string;
  permissions: string[];
}

const KEY = 'vigie.field.owner';
const listeners = new Set<(u: FieldUser | null) => void>();
let owner: FieldUser | null | undefined;

/** The database name of one observer's records (user ids are UUIDs, safe in a name). */
export const databaseNameFor = (userId: string): string => `vigie-field-${userId}`;

export function parseOwner(raw: string | null): FieldUser | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<FieldUser> | null;
    if (v && typeof v.id === 'string' && v.id && typeof v.displayName === 'string' && Array.isArray(v.permissions)) {
      return { id: v.id, displayName: v.displayName, permissions: v.permissions.filter((p): p is string => typeof p === 'string') };
    }
  } catch {
    // A damaged pointer: treat the phone as signed out (the data stays in its database).
  }
  return null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function currentOwner(): FieldUser | null {
  if (owner === undefined) {
    owner = parseOwner(storage()?.getItem(KEY) ?? null);
    if (typeof window !== 'undefined') {
      // A sign-in or sign-out in another tab: this tab follows, so it never shows or sends
      // someone else's records under the new session.
      window.addEventListener('storage', (e) => {
        if (e.key === KEY) change(parseOwner(e.newValue));
      });
    }
  }
  return owner;
}

function change(next: FieldUser | null) {
  const prev = currentOwner();
  owner = next;
  if (prev?.id === next?.id && prev?.displayName === next?.displayName) return;
  for (const l of listeners) l(next);
}

/** The signed-in observer: their database becomes the one the field app reads and syncs. */
export function activateOwner(u: FieldUser): void {
  const next: FieldUser = { id: u.id, displayName: u.displayName, permissions: [...u.permissions] };
  storage()?.setItem(KEY, JSON.stringify(next));
  change(next);
}

/**
 * Sign-out: nobody's records are shown any more. Nothing is deleted: unsent work waits in the
 * observer's own database until they sign in again on this phone.
 */
export function releaseOwner(): void {
  storage()?.removeItem(KEY);
  change(null);
}

export function onOwnerChange(listener: (u: FieldUser | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
