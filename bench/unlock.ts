import { build } from 'esbuild';
import { chromium } from '@playwright/test';

/**
 * Unlocking the phone's local store on a mid-range phone profile (issue 16: within 1 s with the
 * CPU throttled ×4 in Chromium; docs/PHONE-SECURITY.md). The phone's own code (apps/web/src/
 * offline/vault.ts, bundled as is) runs in Debian's Chromium under `Emulation.setCPUThrottlingRate`
 * 4: a keyring is made for a code, then each run times what the unlock does before the first
 * screen — the key derived from the code (PBKDF2-SHA-256, the iterations vault.ts sets), the data
 * key unwrapped, and `rows` sealed rows opened (idb.ts `load` decrypts the whole store; a phone
 * holds N days of its areas, a few hundred rows). A wrong code is timed too: it pays the same
 * derivation before it is refused.
 */
export type UnlockResult = {
  throttle: number; iterations: number; rows: number;
  /** Medians over the runs, in ms. */
  unlockMs: number; deriveMs: number; openRowsMs: number; wrongCodeMs: number;
  runs: number[];
};

const PAGE = 'http://localhost/vigie-unlock-bench';

export async function measureUnlock(opts: { runs: number; rows: number; throttle?: number }): Promise<UnlockResult> {
  const throttle = opts.throttle ?? 4;
  const bundled = await build({ entryPoints: ['apps/web/src/offline/vault.ts'], bundle: true, format: 'iife', globalName: 'vault', write: false, target: 'es2022' });
  const script = bundled.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // A localhost address is a secure context, where WebCrypto exists; nothing goes over a network.
    await page.route(PAGE, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><script>${script}</script>` }));
    await page.goto(PAGE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // Written as a string: the bench compiles without the DOM's types.
    const measured = await page.evaluate(`(async () => {
      const code = 'une phrase de déverrouillage';
      const { keyring, key } = await vault.createKeyring(code);
      const sealed = [];
      for (let i = 0; i < ${opts.rows}; i += 1) {
        const row = { id: 'e' + i, siteId: crypto.randomUUID(), notes: 'x'.repeat(600), counts: { persons: { n: i, atLeast: true } } };
        sealed.push(await vault.sealRow(key, 'evictions', row.id, row));
      }
      const runs = [];
      for (let r = 0; r < ${opts.runs}; r += 1) {
        const t0 = performance.now();
        const opened = await vault.openKeyring(keyring, code);
        const t1 = performance.now();
        for (let i = 0; i < sealed.length; i += 1) await vault.openRow(opened.key, 'evictions', 'e' + i, sealed[i]);
        const t2 = performance.now();
        const wrong = await vault.openKeyring(keyring, 'pas le bon code');
        const t3 = performance.now();
        if (wrong !== null) throw new Error('a wrong code opened the keyring');
        runs.push({ derive: t1 - t0, openRows: t2 - t1, wrong: t3 - t2 });
      }
      return { iterations: keyring.iterations, runs };
    })()`) as { iterations: number; runs: Array<{ derive: number; openRows: number; wrong: number }> };
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return Math.round(s[Math.floor(s.length / 2)]!);
    };
    const totals = measured.runs.map((r) => r.derive + r.openRows);
    return {
      throttle, iterations: measured.iterations, rows: opts.rows,
      unlockMs: median(totals), deriveMs: median(measured.runs.map((r) => r.derive)), openRowsMs: median(measured.runs.map((r) => r.openRows)),
      wrongCodeMs: median(measured.runs.map((r) => r.wrong)), runs: totals.map(Math.round),
    };
  } finally {
    await browser.close();
  }
}
