import { useEffect, useState } from 'preact/hooks';
import { onChange } from './idb';

/** Re-runs `query` whenever IndexedDB changes (in this tab or another) and re-renders. */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let run = 0;
    const refresh = () => {
      const mine = ++run;
      query().then((v) => alive && mine === run && setValue(() => v), () => undefined);
    };
    refresh();
    const off = onChange(refresh);
    return () => {
      alive = false;
      off();
    };
  }, deps);
  return value;
}
