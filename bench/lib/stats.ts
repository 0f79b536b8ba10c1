export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Nearest-rank percentile of a sample (sorted here). */
export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

export const round = (x: number, digits = 1) => +x.toFixed(digits);

/** Runs `once` `runs` times and keeps, for each numeric key listed, the median across runs. */
export async function medianOf<T extends Record<string, unknown>>(runs: number, once: () => Promise<T>, keys: Array<keyof T>): Promise<T & { runs: number }> {
  const results: T[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await once());
  const out = { ...results[0]! } as Record<string, unknown>;
  for (const k of keys) out[k as string] = round(median(results.map((r) => r[k] as number)), 2);
  out.runs = runs;
  return out as T & { runs: number };
}

/** Runs `task` with `concurrency` workers until `total` are done; latencies in ms. */
export async function closedLoop(concurrency: number, total: number, task: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const ok = await task(i).catch((err) => { if (failures < 3) console.error('  request failed:', err); return false; });
      latencies.push(performance.now() - t0);
      if (!ok) failures += 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length, failures, seconds: round(seconds, 2), perSecond: round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)),
  };
}
