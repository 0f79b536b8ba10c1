import type { Executor } from '../../../platform/db/database.js';
import { observingMembers } from './operations.queries.js';

/**
 * Who may be named an operation's co-observer: active members whose roles make them observers
 * (observers, coordinators). The phone's team list offers exactly these, and saving an operation
 * refuses anyone else, so being named (and the witness statement it allows) stays with the field.
 */
export async function coObserverCandidates(db: Executor) {
  return (await observingMembers(db)).map((m) => ({ id: m.id, displayName: m.display_name }));
}

/** The ids among `ids` that may not be named co-observers (unknown, inactive, or not an observing role). */
export async function refusedCoObservers(db: Executor, ids: readonly string[]): Promise<string[]> {
  const accepted = new Set((await observingMembers(db, [...new Set(ids)])).map((m) => m.id));
  return ids.filter((id) => !accepted.has(id));
}
