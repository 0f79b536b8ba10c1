import { ConfigError, loadConfig } from './config.js';
import { DataFolderLockedError } from './platform/db/data-folder-lock.js';
import { startVigie } from './server.js';

/** Composition root for `npm start`: configuration, start-up, first-run code, clean shutdown. */
async function main() {
  const config = loadConfig();
  const vigie = await startVigie(config);
  const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\nVigie is running at ${vigie.url} — ${where}`);
  if (!config.webDist) console.log('The web app is not built: run `npm run build --workspace @vigie/web` (npm start does it).');
  if (vigie.setupCode) {
    console.log('\n  First run: create the administrator account.');
    console.log(`  Open ${config.publicUrl}/setup?code=${vigie.setupCode}`);
    console.log(`  (set-up code: ${vigie.setupCode} — shown once; a restart prints a new one)\n`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: finishing requests and closing the database…`);
    const timer = setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 15_000);
    try {
      await vigie.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      console.error('Error during shutdown:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderLockedError) {
    console.error(`\n${err.message}\n`);
    process.exit(78);
  }
  console.error('Vigie could not start:', err);
  process.exit(1);
});
