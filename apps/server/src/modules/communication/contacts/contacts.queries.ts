import { sql, type SelectQueryBuilder } from 'kysely';
import type { ContactFilter } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import type { Database } from '../../../platform/db/schema.js';
import './contacts.table.js';

/** SQL of the contacts registry: contacts, channels, flags, lists, the consent ledger, timeline. No rules. */

export type ContactRowValues = {
  kind: string; display_name: string; employer_id: string | null; organisation_type: string | null; job_title: string | null;
  beat: string | null; languages: string[]; roles: string[]; tags: string[]; notes: string | null; source: string | null;
};

export async function insertContact(db: Executor, organisationId: string, createdBy: string | null, v: ContactRowValues) {
  return db.insertInto('contacts').values({ organisation_id: organisationId, created_by: createdBy, ...v }).returning('id').executeTakeFirstOrThrow();
}

export async function updateContact(db: Executor, id: string, v: ContactRowValues) {
  await db.updateTable('contacts').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function findContact(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('contacts as c').leftJoin('contacts as e', 'e.id', 'c.employer_id').selectAll('c')
    .select('e.display_name as employer_name').where('c.id', '=', id);
  if (lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}
export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

export async function replaceChannels(db: Executor, organisationId: string, contactId: string,
  channels: Array<{ kind: string; value: string; normalised: string; label: string | null }>) {
  await db.deleteFrom('contact_channels').where('contact_id', '=', contactId).execute();
  if (channels.length === 0) return;
  await db.insertInto('contact_channels').values(channels.map((c) => ({ organisation_id: organisationId, contact_id: contactId, ...c }))).execute();
}

/** Another contact already holding one of these channels (duplicates are found by normalised value). */
export async function channelOwner(db: Executor, kind: string, normalised: string, exceptContactId?: string) {
  let q = db.selectFrom('contact_channels as ch').innerJoin('contacts as c', 'c.id', 'ch.contact_id')
    .select(['c.id', 'c.display_name']).where('ch.kind', '=', kind).where('ch.normalised', '=', normalised);
  if (exceptContactId) q = q.where('ch.contact_id', '<>', exceptContactId);
  return q.executeTakeFirst();
}

export async function contactChannels(db: Executor, contactId: string) {
  return db.selectFrom('contact_channels').selectAll().where('contact_id', '=', contactId).orderBy('created_at').orderBy('kind').execute();
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
const contactsTable = (db: Executor) => db.selectFrom('contacts as c');

/**
 * Where a filtered read takes its contacts: with a text query, the current organisation's
 * matches from contact_search (migration 13f-02), which uses the trigram index that row-level
 * security keeps a LIKE on the table from using; otherwise the table.
 */
function contactsFrom(db: Executor, f: { q?: string | undefined } | { listId: string }, firstByName: number | null = null): ReturnType<typeof contactsTable> {
  if (!('q' in f) || !f.q) return contactsTable(db);
  return db.selectFrom(sql<Database['contacts']>`contact_search(${likePattern(f.q)}, ${firstByName}::integer)`.as('c')) as unknown as ReturnType<typeof contactsTable>;
}

/** Applies a search filter to a contacts query (shared by search, saved-filter lists and sending). */
export function applyFilter<O>(q: SelectQueryBuilder<Database & { c: Database['contacts'] }, 'c', O>, f: Omit<ContactFilter, 'listId'> & { listId?: string | undefined }) {
  let out = q;
  if (f.kind) out = out.where('c.kind', '=', f.kind);
  if (f.role) out = out.where(sql<boolean>`${f.role} = ANY(c.roles)`);
  if (f.tag) out = out.where(sql<boolean>`${f.tag} = ANY(c.tags)`);
  if (f.language) out = out.where(sql<boolean>`${f.language} = ANY(c.languages)`);
  if (f.q) {
    // One column holds name, titles, tags, employer and every channel, folded the same way
    // (migration 13e-02). contactsFrom already read only the matches; this keeps any other source right.
    out = out.where(sql<boolean>`c.search_text LIKE contact_search_fold(${likePattern(f.q)})`);
  }
  if (f.listId) {
    const listId = f.listId;
    out = out.where((eb) => eb.exists(eb.selectFrom('contact_list_members as m').select('m.contact_id').whereRef('m.contact_id', '=', 'c.id').where('m.list_id', '=', listId)));
  }
  return out;
}

export async function searchContacts(db: Executor, f: ContactFilter, limit = 200) {
  // Text alone: the function already returns the page, in name order (migration 13f-02).
  const textAlone = !f.kind && !f.role && !f.tag && !f.language && !f.listId;
  const base = contactsFrom(db, f, textAlone ? limit : null).leftJoin('contacts as e', 'e.id', 'c.employer_id').selectAll('c')
    .select([
      'e.display_name as employer_name',
      sql<string | null>`(SELECT ch.value FROM contact_channels ch WHERE ch.contact_id = c.id AND ch.kind = 'email' ORDER BY ch.created_at LIMIT 1)`.as('email'),
      sql<boolean>`EXISTS (SELECT 1 FROM contact_do_not_contact d WHERE d.contact_id = c.id)`.as('do_not_contact'),
    ]);
  return applyFilter(base, f).orderBy(sql`lower(c.display_name)`).limit(limit).execute();
}
export type ContactSummaryRow = Awaited<ReturnType<typeof searchContacts>>[number];

export async function doNotContactFlags(db: Executor, contactId: string) {
  return db.selectFrom('contact_do_not_contact').selectAll().where('contact_id', '=', contactId).orderBy('set_at').execute();
}

export async function setDoNotContact(db: Executor, organisationId: string, contactId: string, channel: string, reason: string, setBy: string | null) {
  await db.insertInto('contact_do_not_contact').values({ organisation_id: organisationId, contact_id: contactId, channel, reason, set_by: setBy })
    .onConflict((oc) => oc.columns(['contact_id', 'channel']).doUpdateSet({ reason, set_by: setBy, set_at: new Date() })).execute();
}

export async function clearDoNotContact(db: Executor, contactId: string, channel: string) {
  await db.deleteFrom('contact_do_not_contact').where('contact_id', '=', contactId).where('channel', '=', channel).execute();
}

export async function insertConsentEvent(db: Executor, v: {
  organisationId: string; contactId: string; listId: string | null; channel: string; status: string; method: string;
  formVersion: string | null; formText: string | null; note: string | null; recordedBy: string | null; at?: Date;
}) {
  return db.insertInto('consent_events').values({
    organisation_id: v.organisationId, contact_id: v.contactId, list_id: v.listId, channel: v.channel, status: v.status, method: v.method,
    form_version: v.formVersion, form_text: v.formText, note: v.note, recorded_by: v.recordedBy, ...(v.at && { at: v.at }),
  }).returning('id').executeTakeFirstOrThrow();
}

export async function consentHistory(db: Executor, contactId: string) {
  return db.selectFrom('consent_events as ev').leftJoin('contact_lists as l', 'l.id', 'ev.list_id').leftJoin('users as u', 'u.id', 'ev.recorded_by')
    .selectAll('ev').select(['l.name as list_name', 'u.display_name as recorded_by_name'])
    .where('ev.contact_id', '=', contactId).orderBy('ev.at', 'desc').execute();
}

export async function interactions(db: Executor, contactId: string) {
  return db.selectFrom('contact_interactions as i').leftJoin('users as u', 'u.id', 'i.recorded_by').selectAll('i')
    .select('u.display_name as recorded_by_name').where('i.contact_id', '=', contactId).orderBy('i.occurred_at', 'desc').limit(500).execute();
}

export async function insertInteraction(db: Executor, v: {
  organisationId: string; contactId: string; kind: string; summary: string; mailingId?: string | null; occurredAt?: Date; recordedBy: string | null;
}) {
  await db.insertInto('contact_interactions').values({
    organisation_id: v.organisationId, contact_id: v.contactId, kind: v.kind, summary: v.summary, mailing_id: v.mailingId ?? null,
    ...(v.occurredAt && { occurred_at: v.occurredAt }), recorded_by: v.recordedBy,
  }).execute();
}

export async function deleteContact(db: Executor, contactId: string) {
  await db.updateTable('contacts').set({ employer_id: null }).where('employer_id', '=', contactId).execute();
  await db.deleteFrom('contacts').where('id', '=', contactId).execute();
}

/** Organisations by their lower-cased name: how an imported row's "Organisation" is found. */
export async function organisationNames(db: Executor) {
  return db.selectFrom('contacts').select(['id', 'display_name']).where('kind', '=', 'organisation').execute();
}

/** Every channel of a normalised kind, to match imported rows without one query per row. */
export async function channelOwners(db: Executor, kind: string) {
  return db.selectFrom('contact_channels as ch').innerJoin('contacts as c', 'c.id', 'ch.contact_id')
    .select(['ch.normalised', 'c.id', 'c.display_name']).where('ch.kind', '=', kind).execute();
}

/** The rows of a CSV export: the search's filter, no page limit, first e-mail and phone. */
export async function exportRows(db: Executor, f: ContactFilter) {
  const first = (kind: string) => sql<string | null>`(SELECT ch.value FROM contact_channels ch WHERE ch.contact_id = c.id AND ch.kind = ${kind} ORDER BY ch.created_at LIMIT 1)`;
  const base = contactsFrom(db, f).leftJoin('contacts as e', 'e.id', 'c.employer_id')
    .select(['c.kind', 'c.display_name', 'c.job_title', 'c.beat', 'c.languages', 'c.roles', 'c.tags', 'c.notes', 'e.display_name as employer_name'])
    .select([first('email').as('email'), first('phone').as('phone')]);
  return applyFilter(base, f).orderBy(sql`lower(c.display_name)`).orderBy('c.id').limit(200_000).execute();
}

/**
 * A merge: everything the duplicate holds moves to the contact kept — channels it does not
 * already have, list memberships, the consent ledger, do-not-contact flags (the kept one's
 * reason wins), the timeline, and the people it employs — then the duplicate is deleted.
 * The consent ledger being append-only, its entries are copied, never rewritten.
 */
export async function moveContactData(db: Executor, keepId: string, dupId: string) {
  const kept = new Set((await contactChannels(db, keepId)).map((c) => `${c.kind}:${c.normalised}`));
  const moved = { channels: 0, lists: 0, consents: 0, timeline: 0 };
  for (const ch of await contactChannels(db, dupId)) {
    if (kept.has(`${ch.kind}:${ch.normalised}`)) continue;
    await db.updateTable('contact_channels').set({ contact_id: keepId }).where('id', '=', ch.id).execute();
    moved.channels += 1;
  }
  const lists = await sql<{ n: number }>`INSERT INTO contact_list_members (organisation_id, list_id, contact_id, added_by, added_at)
    SELECT organisation_id, list_id, ${keepId}, added_by, added_at FROM contact_list_members WHERE contact_id = ${dupId}
    ON CONFLICT DO NOTHING`.execute(db);
  moved.lists = Number(lists.numAffectedRows ?? 0);
  await sql`INSERT INTO contact_do_not_contact (organisation_id, contact_id, channel, reason, set_by, set_at)
    SELECT organisation_id, ${keepId}, channel, reason, set_by, set_at FROM contact_do_not_contact WHERE contact_id = ${dupId}
    ON CONFLICT DO NOTHING`.execute(db);
  // The ledger is append-only: its entries are copied as they were (same date, method, text, author), the originals go with the duplicate.
  const consents = await sql`INSERT INTO consent_events (organisation_id, contact_id, list_id, channel, status, method, form_version, form_text, note, recorded_by, at)
    SELECT organisation_id, ${keepId}, list_id, channel, status, method, form_version, form_text, note, recorded_by, at
    FROM consent_events WHERE contact_id = ${dupId} ORDER BY at`.execute(db);
  moved.consents = Number(consents.numAffectedRows ?? 0);
  moved.timeline = Number((await db.updateTable('contact_interactions').set({ contact_id: keepId }).where('contact_id', '=', dupId).executeTakeFirst()).numUpdatedRows);
  await db.updateTable('contacts').set({ employer_id: keepId }).where('employer_id', '=', dupId).where('id', '<>', keepId).execute();
  await db.deleteFrom('contacts').where('id', '=', dupId).execute();
  return moved;
}

// ----- lists -----

export async function insertList(db: Executor, organisationId: string, createdBy: string | null, v: {
  name: string; kind: string; filter: Record<string, unknown> | null; legalBasis: string; purpose: string | null;
}) {
  return db.insertInto('contact_lists').values({
    organisation_id: organisationId, name: v.name, kind: v.kind, filter: v.filter ? JSON.stringify(v.filter) as unknown as Record<string, unknown> : null,
    legal_basis: v.legalBasis, purpose: v.purpose, created_by: createdBy,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

export async function findList(db: Executor, id: string) {
  return db.selectFrom('contact_lists').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ListRow = NonNullable<Awaited<ReturnType<typeof findList>>>;

export async function listNamed(db: Executor, name: string) {
  return db.selectFrom('contact_lists').selectAll().where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst();
}

export async function allLists(db: Executor) {
  return db.selectFrom('contact_lists').selectAll().orderBy(sql`lower(name)`).execute();
}

export async function addListMember(db: Executor, organisationId: string, listId: string, contactId: string, by: string | null) {
  await db.insertInto('contact_list_members').values({ organisation_id: organisationId, list_id: listId, contact_id: contactId, added_by: by })
    .onConflict((oc) => oc.doNothing()).execute();
}

export async function removeListMember(db: Executor, listId: string, contactId: string) {
  await db.deleteFrom('contact_list_members').where('list_id', '=', listId).where('contact_id', '=', contactId).execute();
}

/**
 * Everyone on a list with their first e-mail, the latest e-mail consent event for this list,
 * and whether an e-mail do-not-contact flag is set: what the rules need to decide who is mailed.
 */
export async function listAudience(db: Executor, list: ListRow) {
  const filter = list.kind === 'static' ? { listId: list.id } : (list.filter as Omit<ContactFilter, 'listId'>);
  const base = contactsFrom(db, filter).select([
    'c.id', 'c.display_name',
    sql<string | null>`(SELECT ch.value FROM contact_channels ch WHERE ch.contact_id = c.id AND ch.kind = 'email' ORDER BY ch.created_at LIMIT 1)`.as('email'),
    sql<string | null>`(SELECT ev.status FROM consent_events ev WHERE ev.contact_id = c.id AND ev.channel = 'email'
      AND (ev.list_id = ${list.id} OR ev.list_id IS NULL AND ev.status <> 'granted') ORDER BY ev.at DESC LIMIT 1)`.as('consent'),
    sql<boolean>`EXISTS (SELECT 1 FROM contact_do_not_contact d WHERE d.contact_id = c.id AND d.channel IN ('email','any'))`.as('do_not_contact'),
  ]);
  return applyFilter(base, filter).orderBy('c.id').execute();
}

/** The latest e-mail consent status of a contact on each list it belongs to or has events for. */
export async function latestConsentByList(db: Executor, contactId: string) {
  return db.selectFrom('consent_events').select(['list_id', 'status'])
    .distinctOn(['list_id']).where('contact_id', '=', contactId).where('channel', '=', 'email')
    .orderBy('list_id').orderBy('at', 'desc').execute();
}

/** The languages of the contacts reached at these e-mail addresses (lower-cased), for mail written to them. */
export async function languagesOfAddresses(db: Executor, emails: string[]) {
  if (emails.length === 0) return [];
  return db.selectFrom('contact_channels as ch').innerJoin('contacts as c', 'c.id', 'ch.contact_id')
    .select(['ch.normalised', 'c.id as contact_id', 'c.display_name', 'c.languages']).where('ch.kind', '=', 'email')
    .where('ch.normalised', 'in', emails.map((e) => e.toLowerCase())).orderBy('c.created_at').execute();
}
