import { randomUUID } from 'node:crypto';
import type { Trx } from '../../../platform/db/database.js';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { PersonSearchView } from '@vigie/domain';
import { recordReader } from '../evictions/eviction-visibility.js';
import { appearancesOf } from '../incidents/incident-lookup.js';
import { personsByPseudonym } from './persons.queries.js';

/**
 * Identities of exiled people, victims and witnesses. The field records only pseudonyms; when
 * the legal pole needs a real identity (a complaint, a witness statement) it is stored
 * encrypted with the server key, readable only by roles holding identities.read, and every
 * read and write is in the audit trail — without the identity itself, which would defeat it.
 */
export type Identity = { fullName: string; birthDate: string | null; nationality: string | null; contact: string | null; notes: string | null };

export async function writeIdentity(ctx: AppContext, actor: Actor, personId: string, identity: Identity, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const person = await trx.selectFrom('persons').select(['id', 'identity_enc']).where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw new AppError('person.not_found');
    await trx.updateTable('persons').set({ identity_enc: seal(ctx.serverKey, JSON.stringify(identity)) }).where('id', '=', personId).execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: person.identity_enc ? 'person.identity_changed' : 'person.identity_recorded',
      entityType: 'person', entityId: personId, context: { ip },
    });
  });
}

export async function readIdentity(ctx: AppContext, actor: Actor, personId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const person = await trx.selectFrom('persons').select(['id', 'pseudonym', 'minor', 'identity_enc']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw new AppError('person.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'person.identity_read', entityType: 'person', entityId: personId,
      context: { ip, hadIdentity: person.identity_enc !== null },
    });
    return {
      id: person.id, pseudonym: person.pseudonym, minor: person.minor,
      identity: person.identity_enc ? (JSON.parse(open(ctx.serverKey, person.identity_enc)) as Identity) : null,
    };
  });
}

/**
 * A new pseudonymous person, as the field records victims: a testimony's person is one of them,
 * so the legal pole can later attach an identity behind identities.read as for any victim.
 */
export async function recordPseudonymousPerson(trx: Trx, p: { organisationId: string; pseudonym: string; minor: boolean | null; createdBy: string }) {
  const id = randomUUID();
  await trx.insertInto('persons').values({ id, organisation_id: p.organisationId, pseudonym: p.pseudonym, minor: p.minor, created_by: p.createdBy }).execute();
  return id;
}

const SHOWN = 20;

/**
 * The party picker: persons by pseudonym, each with where they appear (how many incidents name them,
 * the latest three), as a reader may see them — those who see unverified records (the legal pole,
 * coordinators) see every person; anyone else only persons they recorded or named in an incident
 * they may open. No identity is read. The search is audited (it discloses who appears where).
 */
export async function searchPersons(ctx: AppContext, actor: Actor, q: string, ip: string): Promise<PersonSearchView> {
  const reader = recordReader(actor);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const candidates = await personsByPseudonym(trx, q, 200);
    const appearances = await appearancesOf(trx, candidates.map((p) => p.id), reader);
    const persons = candidates
      .filter((p) => reader.seesUnverified || p.created_by === actor.userId || appearances.has(p.id))
      .slice(0, SHOWN)
      .map((p) => {
        const seen = appearances.get(p.id) ?? [];
        return { id: p.id, pseudonym: p.pseudonym, minor: p.minor, incidentCount: seen.length, appearances: seen.slice(0, 3) };
      });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'person.searched', entityType: 'person',
      context: { ip, q, count: persons.length },
    });
    return { persons };
  });
}
