import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../apps/server/src/config.js';
import { startVigie } from '../apps/server/src/server.js';
import { createTestDatabase } from '../apps/server/test/test-database.js';
import { appendFileSync } from 'node:fs';
import { startSmtpSink } from '../apps/server/test/smtp-sink.js';
import { stateFile } from './state.js';

/**
 * The server the browser journeys talk to: a fresh database each run (in-memory-like PGlite
 * folder, or a new database on TEST_DATABASE_URL), and the one-time set-up code handed to the
 * tests through a file, as a person would read it from the console.
 */
const port = process.env.E2E_PORT ?? '3190';
const dataDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-'));
const testDb = await createTestDatabase();
// A real SMTP server receives what Vigie sends; each mail is handed to the journeys as one JSON line.
const smtp = await startSmtpSink();
const mailsFile = stateFile('mails.jsonl');
writeFileSync(mailsFile, '');
const mailsPush = smtp.mails.push.bind(smtp.mails);
smtp.mails.push = (...mails) => {
  for (const m of mails) appendFileSync(mailsFile, `${JSON.stringify(m)}\n`);
  return mailsPush(...mails);
};
const config = loadConfig({
  NODE_ENV: 'test', PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: `http://localhost:${port}`,
  JOB_POLL_SECONDS: '0.5', SMTP_URL: smtp.url,
  // Every journey's people sign in from this one address, dozens a minute on a fast machine: the
  // per-address limits (30 sign-ins, 120 public reads a minute) are proven by the server's own
  // tests (sign-in-throttle, abuse-uploads-and-sign-in), not by the browser's pace.
  AUTH_RATE_LIMIT_PER_MINUTE: '1000', PUBLIC_RATE_LIMIT_PER_MINUTE: '5000', ...(testDb.database.kind === 'postgres' ? { DATABASE_URL: testDb.database.url } : {}),
});
// Retries 1 s apart instead of pg-boss's back-off from 10 s (≈ 5 min): a journey can see a job fail for good.
const vigie = await startVigie(config, { queue: { retryDelaySeconds: 1 } });
writeFileSync(stateFile('setup-code'), vigie.setupCode ?? '');
// Where the server keeps its files: a journey may make a stored object unwritable, as a full disk would.
writeFileSync(stateFile('data-dir'), dataDir);
// A fresh database: the identity holder an earlier run handed over no longer exists.
rmSync(stateFile('confirmer.json'), { force: true });
console.log(`e2e server on ${config.publicUrl} (${testDb.label})`);

async function stop() {
  await vigie.close();
  await smtp.close();
  await testDb.drop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
