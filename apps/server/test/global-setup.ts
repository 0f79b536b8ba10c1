import { ensureBuilt } from '../scripts/build.mjs';

/**
 * Once per test run, before any test file: compile the server if a source changed, so that the
 * tests that start real processes (faults/server-process.ts, process-lifecycle.test.ts, the
 * audit CLI) run what `npm start` runs — apps/server/dist — and no two test files build at once.
 */
export default async function setup(): Promise<void> {
  await ensureBuilt({ quiet: true });
}
