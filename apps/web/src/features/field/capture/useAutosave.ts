import { useEffect, useRef } from 'preact/hooks';

const SAVE_DELAY_MS = 250;

/**
 * What the observer types is written to IndexedDB 250 ms after the last change, and at once when
 * the page is hidden or left, so a crash, a reload or a flat battery loses at most a quarter second.
 */
export function useAutosave<T>(save: (value: T) => Promise<void>) {
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saver = useRef(save);
  saver.current = save;

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  };
  const flush = (): Promise<void> => {
    const next = pending.current;
    cancel();
    return next ? saver.current(next) : Promise.resolve();
  };
  const schedule = (value: T) => {
    pending.current = value;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  };

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, []);

  return { schedule, flush, cancel };
}
