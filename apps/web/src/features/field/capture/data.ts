import { useEffect, useState } from 'preact/hooks';
import { getAll, getOne } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { currentStatus, subscribe, type SyncStatus } from '../../../offline/sync';
import type { Reference } from '../../../offline/types';

export function useReference(): Reference | null | undefined {
  const row = useLive(() => getOne('meta', 'reference').then((r) => r ?? null), []);
  if (row === undefined) return undefined;
  return (row?.value as Reference | undefined) ?? null;
}

export function useSyncStatus(): SyncStatus {
  const [s, setS] = useState(currentStatus());
  useEffect(() => subscribe(setS), []);
  return s;
}

/** Latest arrival time per site, from every eviction on the phone (recency for the picker). */
export function useLastEvictedAt(): Map<string, string> {
  const list = useLive(() => getAll('evictions'), []) ?? [];
  const map = new Map<string, string>();
  for (const e of list) if ((map.get(e.siteId) ?? '') < e.record.arrivedAt) map.set(e.siteId, e.record.arrivedAt);
  return map;
}
