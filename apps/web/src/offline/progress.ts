import { useEffect, useState } from 'preact/hooks';

/**
 * How far a file is, live, in this tab: being kept on the phone (read, hashed, sealed chunk by
 * chunk) or being sent (the offset the server acknowledged). Kept in memory, not in the store:
 * writing a sealed row per chunk would cost more than the chunk. After a reload the entry's
 * `sentBytes` (written when a run stops) shows where it was until the server's offset is asked again.
 */
export type Phase = 'storing' | 'sending';
export interface Progress {
  phase: Phase;
  done: number;
  total: number;
}

const current = new Map<string, Progress>();
const listeners = new Set<() => void>();

export function setProgress(id: string, p: Progress | null): void {
  if (p) current.set(id, p);
  else current.delete(id);
  for (const l of listeners) l();
}

export const progressOf = (id: string): Progress | undefined => current.get(id);

/** The live progress of every file, re-rendering on each change. */
export function useProgress(): ReadonlyMap<string, Progress> {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return current;
}

/** A share 0..100, rounded down (100 only when every byte is there). */
export const percent = (done: number, total: number) => (total <= 0 ? 0 : Math.min(100, Math.floor((done / total) * 100)));
