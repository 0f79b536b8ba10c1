import type { AuditChainCheck } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { verifyAuditChain } from '../../../platform/audit/verify-chain.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';

/**
 * The audit chain checked from the screen: the very check of `npm run audit:verify`
 * (`verifyAuditChain`), run on the server's own connection, which sees every organisation's
 * entries, since the chain is one for all. What is told back is then read inside the
 * organisation: its own entries only, so nobody learns how busy the others are or what they did.
 */
export async function checkAuditChain(ctx: AppContext, organisationId: string, cursorOf: (seq: string) => string): Promise<AuditChainCheck> {
  const report = await verifyAuditChain(ctx.db);
  const first = report.problems[0];
  return inOrganisation(ctx.db, organisationId, async (trx) => {
    const counted = await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('seq', '<=', String(report.headSeq ?? 0)).executeTakeFirstOrThrow();
    // Row-level security answers nothing for another organisation's entry, or a removed one.
    const row = first ? await trx.selectFrom('audit_log').select(['seq', 'hash', 'at', 'action', 'entity_type'])
      .where('seq', '=', String(first.seq)).executeTakeFirst() : undefined;
    return {
      intact: report.ok,
      entriesChecked: Number(counted.n),
      firstBroken: first ? {
        problem: first.problem,
        entry: row ? { cursor: cursorOf(row.seq), hash: row.hash, at: row.at.toISOString(), action: row.action, entityType: row.entity_type } : null,
      } : null,
      checkedAt: new Date().toISOString(),
    };
  });
}
