import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DataFolderLockedError } from '../platform/db/data-folder-lock.js';
import { openDatabase, type Db, type DatabaseHandle } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { AppError } from '../platform/errors/catalogue.js';
import { messageVars, translate } from '../platform/errors/messages.js';
import { checkOrganisationInput, createOrganisation } from '../modules/identity/setup/create-organisation.js';
import { neutralise as n } from './terminal-text.js';

type Out = { log: (line: string) => void; error: (line: string) => void };

export const ORGANISATION_USAGE = 'vigie organisation create --name "Nom" --slug identifiant --email premiere.coordinatrice@exemple.org';

/**
 * `npx vigie organisation create --name … --slug … --email …`: another organisation in this
 * deployment, and the link its first administrator opens to create their account (printed here,
 * never mailed: pass it on through a channel you trust). Runs on the configured DATABASE_URL or
 * on the embedded database (stop the server first: one process at a time opens the data folder).
 * Exit codes: 0 created, 1 refused (address name taken or malformed, e-mail malformed or already
 * an account), 2 could not run (usage, configuration, database). `database` is for the tests,
 * which bring their own open database.
 */
export async function runOrganisationCommand(
  args: string[], out: Out = { log: console.log, error: console.error },
  database?: { db: Db; config: Pick<Config, 'publicUrl' | 'invitationTtlHours'> },
): Promise<number> {
  let values: { name?: string | undefined; slug?: string | undefined; email?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { name: { type: 'string' }, slug: { type: 'string' }, email: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    out.error(`${(err as Error).message}\nUsage : ${ORGANISATION_USAGE}`);
    return 2;
  }
  if (values.help) { out.log(`Usage : ${ORGANISATION_USAGE}`); return 0; }
  if (positionals.length !== 1 || positionals[0] !== 'create' || !values.name || !values.slug || !values.email) {
    out.error(`Il faut le nom, l'identifiant et l'adresse e-mail de la première personne administratrice.\nUsage : ${ORGANISATION_USAGE}`);
    return 2;
  }
  let handle: DatabaseHandle | undefined;
  try {
    // A mistyped value is refused before any database is opened (or, embedded, created).
    const input = { name: values.name, slug: values.slug, email: values.email };
    checkOrganisationInput(input);
    let target = database;
    if (!target) {
      const config = loadConfig();
      out.log(config.database.kind === 'pglite' ? `Base embarquée : ${config.database.dir}` : 'Base PostgreSQL (DATABASE_URL)');
      handle = await openDatabase(config.database, 2);
      // A deployment where the server never started yet gets its tables first, as at start-up.
      await migrate(handle.pool);
      target = { db: handle.db, config };
    }
    const created = await createOrganisation(target.db, target.config, input);
    const expires = new Date(created.invitation.expiresAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
    out.log(`Organisation « ${n(created.name)} » créée (identifiant : ${created.slug}), avec les secteurs et listes par défaut.`);
    out.log(`Invitation de sa première personne administratrice (${n(created.invitation.email)}), valable jusqu'au ${expires} :`);
    out.log(created.link);
    out.log('Transmettez ce lien par un canal sûr : il ne sera plus affiché. Les entrées du journal d\'audit indiquent une création en ligne de commande.');
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      out.error(n(translate(err.code, 'fr', messageVars(err.details, 'fr'))));
      return 1;
    }
    if (err instanceof DataFolderLockedError) {
      out.error(`${err.message}\nLa base embarquée ne s'ouvre que dans un processus à la fois : arrêtez d'abord le serveur Vigie, ou indiquez DATABASE_URL.`);
    } else if (err instanceof ConfigError) {
      out.error(err.message);
    } else {
      out.error(`Impossible de créer l'organisation : ${err instanceof Error ? err.message : String(err)}`);
    }
    return 2;
  } finally {
    await handle?.close().catch(() => {});
  }
}
