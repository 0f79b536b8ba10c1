import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The server under measurement, in its own process (as in production), so that the load
 * generator's CPU, a CPU profile and the peak memory are the server's alone. Started by
 * bench/lib/server.ts; prints one READY line with the URL and a signed-up organisation.
 * BENCH_SERVER_ROOT lets the same bench drive another checkout (a before/after comparison).
 */
const root = process.env.BENCH_SERVER_ROOT ?? resolve(import.meta.dirname, '..');
const load = (path: string) => import(pathToFileURL(resolve(root, path)).href);
const { loadConfig } = await load('apps/server/src/config.ts');
const { startVigie } = await load('apps/server/src/server.ts');
const { hashPassword } = await load('apps/server/src/platform/auth/passwords.ts');

const env: Record<string, string> = {
  NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1',
  DATA_DIR: process.env.BENCH_DATA_DIR!, AUTH_RATE_LIMIT_PER_MINUTE: '100000',
};
if (process.env.BENCH_DATABASE) env.DATABASE_URL = process.env.BENCH_DATABASE;
// The contacts bench delivers a mailing to a local SMTP sink, at a chosen rate.
if (process.env.BENCH_SMTP_URL) env.SMTP_URL = process.env.BENCH_SMTP_URL;
if (process.env.BENCH_MAIL_RATE) env.MAIL_RATE_PER_SECOND = process.env.BENCH_MAIL_RATE;
const config = loadConfig(env);
const vigie = await startVigie(config, { logger: false });
const password = 'bench password 123';
if (vigie.setupCode) {
  const res = await vigie.app.inject({ method: 'POST', url: '/api/setup', payload: {
    code: vigie.setupCode, organisationName: 'Bench', displayName: 'Bench Admin', email: 'admin@bench.example', password,
  } });
  if (res.statusCode !== 200) throw new Error(`setup failed: ${res.body}`);
}
const organisationId: string = (await vigie.ctx.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
for (const role of ['observer', 'coordinator', 'comms']) {
  const email = `${role}@bench.example`;
  if (await vigie.ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) continue;
  await vigie.ctx.db.insertInto('users').values({
    organisation_id: organisationId, email, display_name: role, password_hash: await hashPassword(password), role,
  }).execute();
}
process.stdout.write(`READY ${JSON.stringify({ url: vigie.url, organisationId, password })}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await vigie.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
