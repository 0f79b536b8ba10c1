import { runVerifyBundle } from './verify-bundle.js';

/** `npx vigie <command>`: the tools of Vigie that run without a server. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { 'verify-bundle': (args) => runVerifyBundle(args) };

const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
  console.error(`Commandes / commands:\n  vigie verify-bundle <dossier.zip> [--public-key <cle.pem>] [--lang fr|en]`);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
} else {
  process.exitCode = await run(rest);
}
