import canonicalize from 'canonicalize';
import { can, syncCommandSchema, type Locale, type SyncCommand, type SyncError, type SyncResult } from '@vigie/domain';
import { describeZodError } from '../../../platform/errors/validation.js';
import type { AppContext } from '../../../platform/context.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError, isErrorCode } from '../../../platform/errors/catalogue.js';
import { messageVars, translate } from '../../../platform/errors/messages.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { VersionConflict } from '../history/version-check.js';
import { saveEvictionFor, submitEviction } from '../evictions/save-eviction.js';
import { saveIncident } from '../incidents/save-incident.js';
import { saveOperation } from '../operations/save-operation.js';
import { recordRoundIn } from '../rounds/rounds.service.js';
import { saveSite } from '../sites/save-site.js';
import { recordOfflineTestimony } from '../testimonies/testimonies.service.js';
import { carriedCommand, findCommand, insertCommand, insertConflict, type StoredCommand } from './sync.queries.js';

const ENTITY: Record<SyncCommand['type'], string> = {
  'operation.save': 'operation', 'eviction.save': 'eviction', 'eviction.submit': 'eviction', 'incident.save': 'incident', 'site.save': 'site',
  'round.save': 'round', 'testimony.save': 'testimony',
};

/**
 * Every command but a new or edited eviction, which carries its command itself (applyCommand).
 * Rounds and testimonies are recorded once from a phone, never edited there: version 1. Their
 * own services hold the rules (one module owns each table), inside this command's transaction.
 */
function apply(ctx: AppContext, trx: Trx, actor: Actor, c: Exclude<SyncCommand, { type: 'eviction.save' }>): Promise<number> {
  switch (c.type) {
    case 'operation.save': return saveOperation(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'eviction.submit': return submitEviction(trx, actor, c.record.id, c.commandId);
    case 'incident.save': return saveIncident(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'site.save': return saveSite(trx, actor, c.record, c.baseVersion, c.commandId);
    case 'round.save': return recordRoundIn(trx, actor, c.record, { via: 'phone', commandId: c.commandId }).then(() => 1);
    case 'testimony.save': return recordOfflineTestimony(ctx, trx, actor, c.record).then(() => 1);
  }
}

/**
 * What a conflict keeps for review, read by coordinators: a testimony's account, excerpt and code
 * hash are sealed or hashed in their own table and must not land in clear in this one.
 */
function reviewable(c: SyncCommand): SyncCommand | Record<string, unknown> {
  if (c.type !== 'testimony.save') return c;
  const { account: _a, quote: _q, withdrawalCodeHash: _h, pseudonym: _p, ...rest } = c.record;
  return { ...c, record: rest };
}

/** An error's details as the JSON they become once sent and stored (an undefined value dropped, as JSON.stringify does). */
const asJson = (details: Record<string, unknown>) => JSON.parse(JSON.stringify(details)) as NonNullable<SyncError['details']>;

function errorOf(err: AppError, locale: Locale, vars?: Record<string, unknown>): SyncError {
  return { code: err.code, message: translate(err.code, locale, vars ?? messageVars(err.details, locale)), ...(err.details && { details: asJson(err.details) }) };
}

/**
 * Applies one offline command in its own transaction. The command id makes it idempotent: a
 * replay returns the stored result; the same id with other content is refused and the new
 * content kept. A concurrent edit is refused and the observer's version kept for review.
 *
 * No lock is taken up front: two copies of one command racing (a phone retrying while its first
 * request is still running) both apply, and the second to commit fails on the primary key of
 * `sync_commands` (or of the record it creates). That whole transaction rolls back and the
 * command is applied once more, which now finds the first copy's result and replays it.
 */
export async function applyCommand(ctx: AppContext, actor: Actor, c: SyncCommand, attempt = 1): Promise<SyncResult> {
  if (!can(actor.roles, 'field.record')) throw new AppError('auth.forbidden');
  const payloadHash = sha256Hex(canonicalize({ type: c.type, baseVersion: c.baseVersion, record: c.record }) ?? '');
  const entityType = ENTITY[c.type];
  const conflict = (trx: Trx, reason: 'command_reused' | 'version_mismatch', currentVersion: number | null) => insertConflict(trx, {
    organisationId: actor.organisationId, commandId: c.commandId, userId: actor.userId, reason, entityType,
    entityId: c.record.id, baseVersion: c.baseVersion, currentVersion, payload: reviewable(c),
  });
  const row = { id: c.commandId, organisationId: actor.organisationId, userId: actor.userId, type: c.type, payloadHash };
  const store = (trx: Trx, result: SyncResult) => insertCommand(trx, { ...row, result });
  const applied = (version: number): SyncResult => ({ commandId: c.commandId, status: 'applied', version, error: null });
  try {
    return await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      let seen: StoredCommand | null | undefined;
      let version = 0;
      let stored = false;
      if (c.type === 'eviction.save') {
        // A phone's eviction, the bulk of all pushes: the look-up and the recording of the
        // command ride in the save's own two statements (docs/PERFORMANCE.md).
        const saved = await saveEvictionFor(trx, actor, c.record, c.baseVersion, c.commandId, carriedCommand(row, applied));
        if (saved.kind === 'seen') seen = saved.seen;
        else ({ version, stored } = saved);
      } else {
        seen = await findCommand(trx, c.commandId);
        if (!seen) version = await apply(ctx, trx, actor, c);
      }
      if (seen) {
        if (seen.payload_hash === payloadHash) return { ...(seen.result as SyncResult), status: 'replayed' as const };
        await conflict(trx, 'command_reused', null);
        return { commandId: c.commandId, status: 'conflict' as const, version: null, error: errorOf(new AppError('sync.command_reused'), actor.locale) };
      }
      const result = applied(version);
      if (!stored) await store(trx, result);
      return result;
    });
  } catch (err) {
    if (err instanceof VersionConflict) {
      // The edit rolled back whole; the refused version is kept for review in a transaction of its own.
      const result: SyncResult = { commandId: c.commandId, status: 'conflict', version: err.currentVersion, error: errorOf(err, actor.locale) };
      try {
        await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
          await conflict(trx, 'version_mismatch', err.currentVersion);
          await store(trx, result);
        });
        return result;
      } catch (again) {
        if (isUniqueViolation(again) && attempt === 1) return applyCommand(ctx, actor, c, attempt + 1);
        throw again;
      }
    }
    if (isUniqueViolation(err) && attempt === 1) return applyCommand(ctx, actor, c, attempt + 1);
    // Bad content is the observer's to fix: reported per command, nothing of it saved.
    if (err instanceof AppError && err.status < 500) {
      return { commandId: c.commandId, status: 'rejected', version: null, error: errorOf(err, actor.locale) };
    }
    // Still taken on the second attempt: the id belongs to a record this organisation cannot
    // see (another organisation's). For this organisation it is an unknown id: the same
    // refusal as any unknown id, and the rest of the batch goes on.
    if (isUniqueViolation(err)) {
      const code = `${entityType}.not_found`;
      return { commandId: c.commandId, status: 'rejected', version: null, error: errorOf(new AppError(isErrorCode(code) ? code : 'request.not_found'), actor.locale) };
    }
    if (isDatabaseInputError(err)) {
      return { commandId: c.commandId, status: 'rejected', version: null, error: errorOf(new AppError('request.validation_failed', { constraint: (err as { constraint?: string }).constraint }), actor.locale) };
    }
    throw err;
  }
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

function isDatabaseInputError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  // 22021/22P05: a NUL character in text or jsonb, which PostgreSQL cannot store.
  return typeof code === 'string' && ['23502', '23503', '23514', '22P02', '22001', '22003', '22007', '22008', '22021', '22P05'].includes(code);
}

export async function pushCommands(ctx: AppContext, actor: Actor, commands: Array<{ commandId: string }>): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  // In order: a phone's outbox creates the operation before its evictions.
  for (const raw of commands) {
    const parsed = syncCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = describeZodError(parsed.error, actor.locale, 'command');
      const err = new AppError('request.validation_failed', { fields });
      results.push({
        commandId: raw.commandId, status: 'rejected', version: null,
        error: errorOf(err, actor.locale, { fields: fields.map((f) => f.message).join(' ; ') }),
      });
      continue;
    }
    results.push(await applyCommand(ctx, actor, parsed.data));
  }
  return results;
}
