import { currentLock, lock } from './idb';

/**
 * The app locks itself after a chosen idle time (issue 16): a phone snatched from an observer's
 * hand, or left on a table, shows the unlock form instead of records. Activity is any touch or key.
 */
const KEY = 'vigie.field.idleMinutes';
export const IDLE_CHOICES = [1, 2, 5, 10, 30] as const;
const DEFAULT_MINUTES = 5;

export function idleMinutes(): number {
  try {
    const n = Number(localStorage.getItem(KEY));
    return (IDLE_CHOICES as readonly number[]).includes(n) ? n : DEFAULT_MINUTES;
  } catch {
    return DEFAULT_MINUTES;
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;
let lastActivity = Date.now();
let started = false;

function arm() {
  if (timer) clearTimeout(timer);
  const ms = idleMinutes() * 60_000;
  timer = setTimeout(() => {
    // Timers sleep with a phone's screen: measure the real idle time, not the timer's.
    if (Date.now() - lastActivity >= ms - 50) lock();
    else arm();
  }, Math.max(0, ms - (Date.now() - lastActivity)));
}

export function setIdleMinutes(n: number): void {
  try {
    localStorage.setItem(KEY, String(n));
  } catch {
    // private mode: the default applies
  }
  arm();
}

export function startIdleLock(): void {
  if (started) return;
  started = true;
  const active = () => {
    if (currentLock() !== 'unlocked') return;
    lastActivity = Date.now();
    arm();
  };
  for (const e of ['pointerdown', 'keydown', 'input'] as const) window.addEventListener(e, active, { passive: true, capture: true });
  document.addEventListener('visibilitychange', () => {
    // Back on screen after longer than the idle time: lock before anything is shown.
    if (document.visibilityState === 'visible' && Date.now() - lastActivity >= idleMinutes() * 60_000) lock();
  });
  arm();
}
