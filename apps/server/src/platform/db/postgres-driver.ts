/**
 * node-postgres asks, once, as it loads, whether it runs on Cloudflare Workers: on a Node without
 * `navigator` (Node 20) it builds a `Response`, and that first use of Node's fetch API loads
 * undici, Node's HTTP client — ≈ 100 ms of CPU and ≈ 2 MiB of heap in a bare process, for a server
 * that fetches nothing at start (measured, docs/PERFORMANCE.md). While pg loads, `Response` is hidden, so the
 * question is answered "no" without building one; Node's own lazy definition is then put back as
 * it was, and the first feed or page fetched loads undici as before. `npm start`'s entry calls
 * this before importing anything that imports pg.
 */
export async function loadPostgresDriver(): Promise<void> {
  const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!response?.configurable) {
    await import('pg');
    return;
  }
  Object.defineProperty(globalThis, 'Response', { value: undefined, configurable: true, writable: true });
  try {
    await import('pg');
  } finally {
    Object.defineProperty(globalThis, 'Response', response);
  }
}
