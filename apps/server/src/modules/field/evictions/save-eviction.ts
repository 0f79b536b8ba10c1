import type { RawBuilder } from 'kysely';
import { can, checkEviction, type EvictionInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { noteAuditRecorded, pendingAuditRow, recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { evictionsSaved } from '../../communication/statistics/statistics.promoter.js';
import { insertVersion } from '../history/history.service.js';
import { assertNoConcurrentEdit } from '../history/version-check.js';
import { evictionColumns, evictionInputFromRow, type EvictionRow } from './evictions.mapping.js';
import { evictionReferences, findEviction, insertEviction, insertNewEviction, replaceTallies, talliesOf, updateEviction } from './evictions.queries.js';

/** Observers edit their own drafts (and rejected records they fix); coordinators edit anything. */
export function canEditEviction(actor: Actor, row: Pick<EvictionRow, 'created_by' | 'status'>): boolean {
  if (can(actor.roles, 'field.verify')) return true;
  return row.created_by === actor.userId && (row.status === 'draft' || row.status === 'rejected');
}

/**
 * A part is recorded under its whole ("dont"), never on its own nor under another whole: either
 * would count it wrongly (a part on its own would add to the total of items).
 */
function checkParts(input: EvictionInput, wholeOf: ReadonlyMap<string, string>) {
  for (const [kind, list] of [['item_type', input.seized], ['structure_type', input.destroyed]] as const) {
    for (const t of list) {
      const ownWhole = wholeOf.get(`${kind}:${t.term}`);
      if (ownWhole !== undefined) throw new AppError('field.part_without_whole', { part: t.term, whole: ownWhole });
      for (const p of t.parts ?? []) {
        const whole = wholeOf.get(`${kind}:${p.term}`);
        if (whole !== t.term) throw new AppError('field.not_a_part', { part: p.term, whole: t.term });
      }
    }
  }
}

export async function saveEviction(trx: Trx, actor: Actor, sent: EvictionInput, baseVersion: number | null, commandId: string | null, now = new Date()) {
  const saved = await save<never>(trx, actor, sent, baseVersion, commandId, null, now);
  if (saved.kind === 'seen') throw new Error('no command to have been seen');
  return saved.version;
}

/**
 * A command that orders a save and is recorded with it (a phone's sync command): `lookup` reads
 * its earlier answer in the save's first statement, `store` writes its answer in the save's last
 * when the save is a single statement (a new record). So a phone's new eviction costs two
 * statements besides its transaction's start and end (docs/PERFORMANCE.md).
 */
export type CarriedCommand<Seen> = { lookup: RawBuilder<Seen | null>; store: (version: number) => RawBuilder<unknown> };
type Saved<Seen> = { kind: 'seen'; seen: Seen } | { kind: 'saved'; version: number; stored: boolean };

/**
 * `saveEviction` for a carried command. A command seen before stops the save before any check
 * (its earlier answer is replayed, whatever the rules say today); `stored` tells whether the
 * command's answer was written with the record, else the caller writes it.
 */
export async function saveEvictionFor<Seen>(
  trx: Trx, actor: Actor, sent: EvictionInput, baseVersion: number | null, commandId: string, command: CarriedCommand<Seen>, now = new Date(),
): Promise<Saved<Seen>> {
  return save(trx, actor, sent, baseVersion, commandId, command, now);
}

async function save<Seen>(
  trx: Trx, actor: Actor, sent: EvictionInput, baseVersion: number | null, commandId: string | null, command: CarriedCommand<Seen> | null, now: Date,
): Promise<Saved<Seen>> {
  let input = sent;
  const terms = [
    ...input.seized.flatMap((t) => [t.term, ...(t.parts ?? []).map((p) => p.term)].map((term) => ['item_type', term] as const)),
    ...input.destroyed.flatMap((t) => [t.term, ...(t.parts ?? []).map((p) => p.term)].map((term) => ['structure_type', term] as const)),
    ...input.forces.map((f) => ['force_corps', f.corps] as const),
    ...(input.legalBasisCategory ? [['legal_basis_category', input.legalBasisCategory] as const] : []),
  ];
  const refs = await evictionReferences(trx, { id: input.id, operationId: input.operationId, siteId: input.siteId, terms, command: command?.lookup });
  if (command && refs.command !== null) return { kind: 'seen', seen: refs.command };
  const problems = checkEviction(sent, now);
  if (problems.length) throw new AppError('field.invalid_record', { problems });
  if (!refs.operation) throw new AppError('field.unknown_operation');
  if (!refs.site) throw new AppError('field.unknown_site');
  // A phone offline since a site merge still names the merged site: the record goes to the site kept (never counted at both).
  if (refs.siteMergedInto) input = { ...input, siteId: refs.siteMergedInto };
  const unknown = terms.find(([kind, code]) => !refs.knownTerms.has(`${kind}:${code}`));
  if (unknown) throw new AppError('field.unknown_term', { kind: unknown[0], code: unknown[1] });
  checkParts(input, refs.wholeOf);

  if (!refs.existing) {
    // The common case, a phone's new record: one statement. A concurrent creation of the same
    // id fails on the primary key and the sync command is retried (sync/push.ts).
    await insertNewEviction(trx, {
      row: { id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, ...evictionColumns(input) },
      tallies: { seized: input.seized, destroyed: input.destroyed },
      version: { data: input, commandId },
      audit: pendingAuditRow({
        organisationId: actor.organisationId, actorId: actor.userId, action: 'eviction.created', entityType: 'eviction', entityId: input.id,
        before: null, after: input, context: { commandId, version: 1 },
      }),
      also: command?.store(1),
    });
    noteAuditRecorded();
    evictionsSaved();
    return { kind: 'saved', version: 1, stored: command !== null };
  }

  const existing = await findEviction(trx, input.id, true);
  const columns = evictionColumns(input);
  let version: number;
  let before: EvictionInput | null = null;
  if (!existing) {
    version = 1;
    await insertEviction(trx, { id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, ...columns });
    evictionsSaved();
  } else {
    if (!canEditEviction(actor, existing)) throw new AppError('field.not_editable');
    await assertNoConcurrentEdit(trx, 'eviction', input.id, baseVersion, existing.version, actor.userId);
    before = evictionInputFromRow(existing, (await talliesOf(trx, [input.id])).get(input.id)!);
    version = existing.version + 1;
    await updateEviction(trx, input.id, { ...columns, version, updated_by: actor.userId });
  }
  await replaceTallies(trx, actor.organisationId, input.id, { seized: input.seized, destroyed: input.destroyed });
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'eviction', entityId: input.id, version, data: input, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: existing ? 'eviction.updated' : 'eviction.created',
    entityType: 'eviction', entityId: input.id, before, after: input, context: { commandId, version },
  });
  return { kind: 'saved', version, stored: false };
}

/** Draft → submitted: the observer says the record is complete and ready for review. */
export async function submitEviction(trx: Trx, actor: Actor, id: string, commandId: string | null) {
  const row = await findEviction(trx, id, true);
  if (!row) throw new AppError('eviction.not_found');
  if (!canEditEviction(actor, row)) throw new AppError('field.not_editable');
  if (row.status !== 'draft' && row.status !== 'rejected') throw new AppError('eviction.wrong_status', { status: row.status });
  const version = row.version + 1;
  await updateEviction(trx, id, { status: 'submitted', rejection_reason: null, quick: false, version, updated_by: actor.userId });
  const data = evictionInputFromRow({ ...row, quick: false }, (await talliesOf(trx, [id])).get(id)!);
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'eviction', entityId: id, version, data: { ...data, status: 'submitted' }, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: 'eviction.submitted', entityType: 'eviction', entityId: id,
    before: { status: row.status }, after: { status: 'submitted' }, context: { commandId, version },
  });
  return version;
}
