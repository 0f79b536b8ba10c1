import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { can, syncCommandSchema, type Locale, type SyncCommand, type SyncResult } from '@vigie/domain';
import { describeZodError } from '../../platform/errors/validation.js';
import type { AppContext } from '../../platform/context.js';
import type { Trx } from '../../platform/db/database.js';
import { inOrganisation } from '../../platform/db/organisation-scope.js';
import { AppError } from '../../platform/errors/catalogue.js';
import { messageVars, translate } from '../../platform/errors/messages.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import type { Actor } from '../../platform/http/request-context.js';
import { VersionConflict } from '../history/version-check.js';
import { saveEviction, submitEviction } from '../evictions/save-eviction.js';
import { saveIncident } from '../incidents/save-incident.js';
import { saveOperation } from '../operations/save-operation.js';
import { saveSite } from '../sites/save-site.js';
import { findCommand, insertCommand, insertConflict, lockCommandId } from './sync.queries.js';

const ENTITY: Record<SyncCommand['type'], string> = {
  'operation.save': 'operation', 'eviction.save': 'eviction', 'eviction.submit': 'eviction', 'incident.save': 'incident', 'site.save': 'site',
};

function apply(trx: Trx, actor: Actor, c: SyncCommand): Promise<number> {
  switch (c.type) {
    case 'operation.save': return saveOperation(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'eviction.save': return saveEviction(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'eviction.submit': return submitEviction(trx, actor, c.record.id, c.commandId);
    case 'incident.save': return saveIncident(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'site.save': return saveSite(trx, actor, c.record, c.baseVersion, c.commandId);
  }
}

function errorOf(err: AppError, locale: Locale): SyncResult['error'] {
  return { code: err.code, message: translate(err.code, locale, messageVars(err.details, locale)), ...(err.details && { details: err.details }) };
}

/**
 * Applies one offline command in its own transaction. The command id makes it idempotent: a
 * replay returns the stored result; the same id with other content is refused and the new
 * content kept. A concurrent edit is refused and the observer's version kept for review.
 */
export async function applyCommand(ctx: AppContext, actor: Actor, c: SyncCommand): Promise<SyncResult> {
  if (!can(actor.role, 'field.record')) throw new AppError('auth.forbidden');
  const payloadHash = sha256Hex(canonicalize({ type: c.type, baseVersion: c.baseVersion, record: c.record }) ?? '');
  const entityType = ENTITY[c.type];
  try {
    return await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      await lockCommandId(trx, c.commandId);
      const seen = await findCommand(trx, c.commandId);
      if (seen) {
        if (seen.payload_hash === payloadHash) return { ...(seen.result as SyncResult), status: 'replayed' as const };
        await insertConflict(trx, {
          organisationId: actor.organisationId, commandId: c.commandId, userId: actor.userId, reason: 'command_reused', entityType,
          entityId: c.record.id, baseVersion: c.baseVersion, currentVersion: null, payload: c,
        });
        return { commandId: c.commandId, status: 'conflict' as const, version: null, error: errorOf(new AppError('sync.command_reused'), actor.locale) };
      }
      let result: SyncResult;
      try {
        const version = await savepoint(trx, () => apply(trx, actor, c));
        result = { commandId: c.commandId, status: 'applied', version, error: null };
      } catch (err) {
        if (!(err instanceof VersionConflict)) throw err;
        await insertConflict(trx, {
          organisationId: actor.organisationId, commandId: c.commandId, userId: actor.userId, reason: 'version_mismatch', entityType,
          entityId: c.record.id, baseVersion: c.baseVersion, currentVersion: err.currentVersion, payload: c,
        });
        result = { commandId: c.commandId, status: 'conflict', version: err.currentVersion, error: errorOf(err, actor.locale) };
      }
      await insertCommand(trx, { id: c.commandId, organisationId: actor.organisationId, userId: actor.userId, type: c.type, payloadHash, result });
      return result;
    });
  } catch (err) {
    // Bad content is the observer's to fix: reported per command, nothing of it saved.
    if (err instanceof AppError && err.status < 500) {
      return { commandId: c.commandId, status: 'rejected', version: null, error: errorOf(err, actor.locale) };
    }
    if (isDatabaseInputError(err)) {
      return { commandId: c.commandId, status: 'rejected', version: null, error: errorOf(new AppError('request.validation_failed', { constraint: (err as { constraint?: string }).constraint }), actor.locale) };
    }
    throw err;
  }
}

function isDatabaseInputError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return typeof code === 'string' && ['23502', '23503', '23514', '22P02', '22001', '22003', '22007', '22008'].includes(code);
}

/** Runs `work` in a savepoint so a refused edit rolls back alone and the conflict can still be written. */
async function savepoint<T>(trx: Trx, work: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT apply_command`.execute(trx);
  try {
    const value = await work();
    await sql`RELEASE SAVEPOINT apply_command`.execute(trx);
    return value;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT apply_command`.execute(trx);
    throw err;
  }
}

export async function pushCommands(ctx: AppContext, actor: Actor, commands: Array<{ commandId: string }>): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  // In order: a phone's outbox creates the operation before its evictions.
  for (const raw of commands) {
    const parsed = syncCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = describeZodError(parsed.error, actor.locale);
      const err = new AppError('request.validation_failed', { fields });
      results.push({
        commandId: raw.commandId, status: 'rejected', version: null,
        error: { code: err.code, message: translate(err.code, actor.locale, { fields: fields.map((f) => f.message).join(' ; ') }), details: { fields } },
      });
      continue;
    }
    results.push(await applyCommand(ctx, actor, parsed.data));
  }
  return results;
}
