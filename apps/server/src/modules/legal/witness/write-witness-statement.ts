import { createHash } from 'node:crypto';
import { can, parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { lookupIncident, outsideIncidentFacts } from '../../field/incidents/incident-lookup.js';
import { describeEviction, describeOutsideIncident, type StatementFacts } from './witness-facts.js';
import { witnessStatementPdf, type WitnessIdentity } from './witness-statement-pdf.js';
import { findEvictionFacts, seizedOf, termLabels } from './witness.queries.js';

/**
 * Pre-fills a witness statement for an observer who saw an eviction, or an incident outside any
 * eviction (during a round, at a distribution, in town).
 *
 * The witness's identity (name, birth, address, occupation) and their account are used to
 * typeset the PDF and are then forgotten: they are not written to the database, the audit
 * trail or the logs. The statement that counts in court is the paper the observer signs by
 * hand with a copy of their ID; a server-side copy of observers' home addresses and birth
 * dates would only be one more thing to seize. The audit trail records who produced a
 * statement about which record, and the PDF's SHA-256 so a copy can be recognised later.
 */
export type WitnessStatementRequest = {
  evictionId?: string | undefined;
  incidentId?: string | undefined;
  witness: WitnessIdentity;
  relationToParties: string;
  account: string;
  place: string;
  date?: string | undefined;
};

type Subject = { entityType: 'eviction' | 'incident'; id: string; present: boolean; facts: StatementFacts };

export async function writeWitnessStatement(ctx: AppContext, actor: Actor, input: WitnessStatementRequest, ip: string) {
  const canManage = can(actor.roles, 'legal.manage');
  if (!canManage && !can(actor.roles, 'field.record')) throw new AppError('auth.forbidden');
  const { subject, pdf } = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const subject = input.incidentId ? await incidentSubject(trx, actor, input.incidentId) : await evictionSubject(trx, actor, input.evictionId!);
    // An observer testifies only to what they saw: they were there (on the operation, or the incident's reporter).
    if (!canManage && !subject.present) throw new AppError('witness.not_present');
    const pdf = witnessStatementPdf({
      witness: input.witness, relationToParties: input.relationToParties, account: input.account, place: input.place,
      date: input.date ?? parisDate(new Date()), facts: subject.facts,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'witness_statement.prepared', entityType: subject.entityType,
      entityId: subject.id, context: { ip, pdfSha256: createHash('sha256').update(pdf).digest('hex'), onBehalfOfOther: !subject.present },
    });
    return { subject, pdf };
  });
  return { pdf, fileName: `attestation-temoin-${subject.facts.fileStem.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf` };
}

async function evictionSubject(trx: Trx, actor: Actor, evictionId: string): Promise<Subject> {
  const row = await findEvictionFacts(trx, evictionId);
  if (!row) throw new AppError('eviction.not_found');
  const present = row.observer_ids.includes(actor.userId) || row.created_by === actor.userId || row.operation_created_by === actor.userId;
  return { entityType: 'eviction', id: row.id, present, facts: describeEviction(row, await seizedOf(trx, row.id), await termLabels(trx)) };
}

/**
 * An incident outside an eviction: the observer who recorded it saw it. An incident recorded
 * during an eviction is stated in that eviction's statement, which it belongs to.
 */
async function incidentSubject(trx: Trx, actor: Actor, incidentId: string): Promise<Subject> {
  const found = await lookupIncident(trx, incidentId);
  if (!found) throw new AppError('incident.not_found');
  if (found.evictionId !== null) return evictionSubject(trx, actor, found.evictionId);
  const facts = await outsideIncidentFacts(trx, incidentId);
  if (!facts) throw new AppError('incident.not_found');
  return { entityType: 'incident', id: facts.id, present: facts.createdBy === actor.userId, facts: describeOutsideIncident(facts, await termLabels(trx)) };
}
