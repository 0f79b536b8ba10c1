import { type OutboxRescue, type OutboxRescueResult } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { openEscrow, openGcm } from '../../../platform/crypto/escrow-key.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { ownDeviceState } from '../phones/phones.service.js';
import { pushCommands } from './push.js';

/**
 * The tenth wrong unlock code is about to wipe a phone (docs/PHONE-SECURITY.md): it sends its
 * outbox, still encrypted, with its data key wrapped for the server (platform/crypto/escrow-key.ts).
 * The server opens the rows and applies the commands waiting to be sent exactly as a push from
 * that observer would (same rules, idempotent by command id); commands the server already
 * answered (refused, or kept as a conflict) are not sent again. The decrypted rows are never
 * stored: only the commands' effects, through the usual save use cases and their audit entries.
 * A phone a coordinator revoked is refused (and the refusal audited) before anything is opened.
 */
export async function rescueOutbox(ctx: AppContext, actor: Actor, deviceId: string, body: OutboxRescue): Promise<OutboxRescueResult> {
  const device = await inOrganisation(ctx.db, actor.organisationId, (trx) => ownDeviceState(trx, actor, deviceId));
  if (device === 'unknown') throw new AppError('phone.device_not_found');
  if (device === 'revoked') {
    // A coordinator revoked this phone (lost, seized): whoever types the codes may not be its
    // observer, so nothing it sends is applied. The refusal is audited (counts only); the phone
    // wipes itself on this answer as on any contact after a revocation.
    await inOrganisation(ctx.db, actor.organisationId, (trx) => recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'field.device_rescue_refused', entityType: 'device', entityId: deviceId,
      after: { reason: 'revoked', rows: body.rows.length },
    }));
    throw new AppError('phone.device_revoked');
  }
  let dataKey: Buffer;
  try {
    dataKey = openEscrow(ctx.serverKey, body.escrow);
  } catch {
    throw new AppError('phone.escrow_invalid');
  }
  const entries: Array<{ seq: number; entry: Record<string, unknown> }> = [];
  try {
    for (const row of body.rows) {
      // The phone seals each row bound to its store and key (offline/vault.ts: "outbox:<seq>").
      const plain = openGcm(dataKey, Buffer.from(row.iv, 'base64url'), Buffer.from(row.c, 'base64url'), Buffer.from(`outbox:${row.key}`));
      entries.push({ seq: row.key, entry: JSON.parse(plain.toString('utf8')) as Record<string, unknown> });
    }
  } catch {
    throw new AppError('phone.escrow_invalid');
  } finally {
    dataKey.fill(0);
  }
  const commands = entries.sort((a, b) => a.seq - b.seq).filter((e) => e.entry.state === 'queued')
    .map(({ entry }) => ({ commandId: String(entry.commandId), type: entry.type, baseVersion: entry.baseVersion ?? null, record: entry.record }));
  const results = await pushCommands(ctx, actor, commands);
  const applied = results.filter((r) => r.status === 'applied' || r.status === 'replayed').length;
  const outcome = { sent: commands.length, applied, refused: commands.length - applied };
  await inOrganisation(ctx.db, actor.organisationId, (trx) => recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: 'field.device_outbox_rescued', entityType: 'device', entityId: deviceId, after: outcome,
  }));
  return outcome;
}
