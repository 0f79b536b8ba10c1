import { runVerifyBundle } from './verify-bundle.js';

/** `npx vigie <command>`: the tools of Vigie that run without a server. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  'verify-bundle': (args) => runVerifyBundle(args),
  // Loaded only when used: verify-bundle runs on a lawyer's machine with no database.
  organisation: async (args) => (await import('./create-organisation.js')).runOrganisationCommand(args),
};

const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
  console.error('Commandes / commands:\n  vigie verify-bundle <dossier.zip> [--public-key <cle.pem>] [--lang fr|en]\n' +
    '  vigie organisation create --name "Nom" --slug identifiant --email premiere.coordinatrice@exemple.org');
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
} else {
  process.exitCode = await run(rest);
}
