import { createHash } from 'node:crypto';
import { can, parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { describeEviction } from './witness-facts.js';
import { witnessStatementPdf, type WitnessIdentity } from './witness-statement-pdf.js';
import { findEvictionFacts, seizedOf, termLabels } from './witness.queries.js';

/**
 * Pre-fills a witness statement for an observer who saw an eviction.
 *
 * The witness's identity (name, birth, address, occupation) and their account are used to
 * typeset the PDF and are then forgotten: they are not written to the database, the audit
 * trail or the logs. The statement that counts in court is the paper the observer signs by
 * hand with a copy of their ID; a server-side copy of observers' home addresses and birth
 * dates would only be one more thing to seize. The audit trail records who produced a
 * statement about which eviction, and the PDF's SHA-256 so a copy can be recognised later.
 */
export type WitnessStatementRequest = {
  evictionId: string;
  witness: WitnessIdentity;
  relationToParties: string;
  account: string;
  place: string;
  date?: string;
};

export async function writeWitnessStatement(ctx: AppContext, actor: Actor, input: WitnessStatementRequest, ip: string) {
  const canManage = can(actor.roles, 'legal.manage');
  if (!canManage && !can(actor.roles, 'field.record')) throw new AppError('auth.forbidden');
  const { facts, pdf } = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findEvictionFacts(trx, input.evictionId);
    if (!row) throw new AppError('eviction.not_found');
    // An observer testifies only to what they saw: they were on the operation or recorded it.
    const present = row.observer_ids.includes(actor.userId) || row.created_by === actor.userId || row.operation_created_by === actor.userId;
    if (!canManage && !present) throw new AppError('witness.not_present');
    const facts = describeEviction(row, await seizedOf(trx, row.id), await termLabels(trx));
    const pdf = witnessStatementPdf({
      witness: input.witness, relationToParties: input.relationToParties, account: input.account, place: input.place,
      date: input.date ?? parisDate(new Date()), facts,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'witness_statement.prepared', entityType: 'eviction',
      entityId: row.id, context: { ip, pdfSha256: createHash('sha256').update(pdf).digest('hex'), onBehalfOfOther: !present },
    });
    return { facts, pdf };
  });
  return { pdf, fileName: `attestation-temoin-${facts.site.split(' ')[0]!.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf` };
}
