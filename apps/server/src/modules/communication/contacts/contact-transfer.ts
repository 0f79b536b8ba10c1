import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  CONTACT_ROLES, normaliseEmail, normalisePhone, type ContactFilter, type ContactImportOutcome, type ContactImportReport, type ContactRole, type Locale,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../../platform/audit/audit-trail.js';
import { neutralise } from '../../../platform/csv/formula.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate, type MessageKey } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { parseSpreadsheet } from '../../field/transfer/transfer.parse.js';
import {
  addListMember, channelOwners, contactChannels, exportRows, findContact, findList, insertConsentEvent, insertContact, organisationNames,
  replaceChannels, updateContact,
} from './contacts.queries.js';

/**
 * Contacts in and out as CSV (or XLSX in): the spreadsheet import's approach — the file is read
 * by the same parser (encoding and delimiter detected), checked row by row in a dry run that
 * writes nothing, then committed in one transaction, all or nothing. A row whose e-mail (or,
 * without one, phone) is already in the registry completes that contact instead of making a
 * second one. Consent is never invented: only a row stating both its source and its date gets
 * a "granted" entry in the ledger, for the list chosen, with "import" as the method.
 */

type Field = 'displayName' | 'kind' | 'email' | 'phone' | 'employer' | 'jobTitle' | 'beat' | 'languages' | 'roles' | 'tags' | 'notes'
  | 'consentSource' | 'consentDate';

/** Export headers (French, as the team's spreadsheets) and the other names the import recognises. */
const COLUMNS: Array<{ field: Field; header: string; aliases: string[] }> = [
  { field: 'displayName', header: 'Nom', aliases: ['name', 'nom complet', 'display name', 'full name'] },
  { field: 'kind', header: 'Type', aliases: ['kind'] },
  { field: 'email', header: 'E-mail', aliases: ['email', 'courriel', 'mail', 'adresse e-mail', 'e-mail address'] },
  { field: 'phone', header: 'Téléphone', aliases: ['phone', 'tel', 'tél', 'telephone', 'portable', 'mobile'] },
  { field: 'employer', header: 'Organisation', aliases: ['organization', 'employeur', 'employer', 'média', 'media', 'rédaction', 'structure'] },
  { field: 'jobTitle', header: 'Fonction', aliases: ['job title', 'poste', 'title'] },
  { field: 'beat', header: 'Rubrique', aliases: ['beat', 'thématique', 'thematique'] },
  { field: 'languages', header: 'Langues', aliases: ['languages', 'langue', 'language'] },
  { field: 'roles', header: 'Rôles', aliases: ['roles', 'role', 'rôle'] },
  { field: 'tags', header: 'Étiquettes', aliases: ['tags', 'tag', 'étiquette'] },
  { field: 'notes', header: 'Notes', aliases: ['note', 'commentaire', 'commentaires', 'comments'] },
  { field: 'consentSource', header: 'Consentement : source', aliases: ['consent source', 'source du consentement'] },
  { field: 'consentDate', header: 'Consentement : date', aliases: ['consent date', 'date du consentement'] },
];
const EXPORT_COLUMNS = COLUMNS.filter((c) => c.field !== 'consentSource' && c.field !== 'consentDate');

const ROLE_FR: Record<ContactRole, string> = {
  journalist: 'journaliste', partner: 'partenaire', authority: 'autorité', researcher: 'chercheur', funder: 'financeur', member: 'membre',
  donor: 'donateur', volunteer: 'bénévole', candidate: 'candidat',
};
const key = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
const HEADER_FIELDS = new Map<string, Field>(COLUMNS.flatMap((c) => [c.header, ...c.aliases, c.field].map((h) => [key(h), c.field] as const)));
const ROLE_WORDS = new Map<string, ContactRole>([
  ...CONTACT_ROLES.flatMap((r) => [[key(r), r], [key(ROLE_FR[r]), r]] as const),
  ...([['chercheuse', 'researcher'], ['financeuse', 'funder'], ['donatrice', 'donor'], ['candidate', 'candidate']] as const).map(([w, r]) => [key(w), r] as const),
]);
const KIND_WORDS = new Map([['personne', 'person'], ['person', 'person'], ['', 'person'], ['organisation', 'organisation'], ['organization', 'organisation'], ['structure', 'organisation']]);
const emailCheck = z.email();
const list = (s: string) => s.split(/[,;|]/).map((x) => x.trim()).filter(Boolean);

type Problem = { column: string; code: string; value: string };
type PlannedRow = {
  line: number; outcome: ContactImportOutcome; displayName: string; kind: 'person' | 'organisation'; email: string | null; phone: string | null;
  employer: string | null; jobTitle: string | null; beat: string | null; languages: string[]; roles: ContactRole[]; tags: string[];
  notes: string | null; consent: { source: string; at: Date } | null; matchedId: string | null; matchedName: string | null;
  sameAsLine: number | null; problems: Problem[];
};

/** "2024-03-15" or "15/03/2024"; noon UTC keeps the calendar day in Paris. */
function readDate(v: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
  if (!y) return null;
  const date = new Date(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}T12:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? null : date;
}

async function plan(trx: Trx, bytes: Buffer, listId: string | undefined, now: Date) {
  const table = await parseSpreadsheet(bytes);
  const fields = table.headers.map((h) => HEADER_FIELDS.get(key(h)) ?? null);
  if (!fields.includes('displayName')) throw new AppError('contact_import.no_name_column');
  if (listId) {
    const l = await findList(trx, listId);
    if (!l) throw new AppError('contact_list.not_found');
    if (l.kind !== 'static') throw new AppError('contact_list.not_static');
  }
  const headerOf = (f: Field) => table.headers[fields.indexOf(f)] ?? f;
  const byEmail = new Map((await channelOwners(trx, 'email')).map((o) => [o.normalised, o]));
  const byPhone = new Map((await channelOwners(trx, 'phone')).map((o) => [o.normalised, o]));
  const seen = new Map<string, number>();
  const phonesInFile = new Map<string, number>();
  const rows: PlannedRow[] = table.rows.map((cells, i) => {
    const get = (f: Field) => { const at = fields.indexOf(f); return at < 0 ? '' : (cells[at] ?? '').trim(); };
    const problems: Problem[] = [];
    const problem = (f: Field, code: string, value: string) => problems.push({ column: headerOf(f), code, value });
    const cap = (f: Field, max: number) => { const v = get(f); if (v.length > max) problem(f, 'too_long', v.slice(0, 40)); return v || null; };
    const displayName = cap('displayName', 200) ?? '';
    if (!displayName) problem('displayName', 'missing_name', '');
    const kind = KIND_WORDS.get(key(get('kind'))) as 'person' | 'organisation' | undefined;
    if (!kind) problem('kind', 'unknown_kind', get('kind'));
    const rawEmail = get('email');
    const email = rawEmail ? normaliseEmail(rawEmail) : null;
    if (email && !emailCheck.safeParse(email).success) problem('email', 'invalid_email', rawEmail);
    const rawPhone = get('phone');
    const phone = rawPhone ? normalisePhone(rawPhone) : null;
    if (phone && !/^\+?\d{6,15}$/.test(phone)) problem('phone', 'invalid_phone', rawPhone);
    const roles: ContactRole[] = [];
    for (const w of list(get('roles'))) {
      const r = ROLE_WORDS.get(key(w));
      if (r) roles.push(r); else problem('roles', 'unknown_role', w);
    }
    const languages = list(get('languages')).map((l) => l.toLowerCase());
    for (const l of languages) if (!/^[a-z]{2}$/.test(l)) problem('languages', 'invalid_language', l);
    const tags = list(get('tags')).map((t) => t.toLowerCase());
    for (const t of tags) if (t.length > 50) problem('tags', 'too_long', t.slice(0, 40));
    const source = get('consentSource');
    const rawDate = get('consentDate');
    let consent: PlannedRow['consent'] = null;
    if (source || rawDate) {
      const at = rawDate ? readDate(rawDate) : null;
      if (!source || !rawDate) problem(source ? 'consentDate' : 'consentSource', 'consent_incomplete', source || rawDate);
      else if (!at) problem('consentDate', 'bad_date', rawDate);
      else if (at > now) problem('consentDate', 'date_in_future', rawDate);
      else if (!listId) problem('consentSource', 'consent_needs_list', source);
      else if (source.length > 1000) problem('consentSource', 'too_long', source.slice(0, 40));
      else consent = { source, at };
    }
    // Matched by e-mail, or by phone when the row has no e-mail; the same person twice in the file is counted once.
    const match = (email ? byEmail.get(email) : undefined) ?? (!email && phone ? byPhone.get(phone) : undefined);
    const phoneOwner = phone ? byPhone.get(phone) : undefined;
    if (phoneOwner && phoneOwner.id !== match?.id) problem('phone', 'phone_taken', `${rawPhone} (${phoneOwner.display_name})`);
    const identity = email ? `e:${email}` : phone ? `p:${phone}` : null;
    const sameAsLine = identity ? seen.get(identity) ?? null : null;
    if (identity && sameAsLine === null) seen.set(identity, table.lines[i]!);
    // One phone on two rows with different e-mails: two people cannot share it in the registry.
    const phoneLine = phone ? phonesInFile.get(phone) : undefined;
    if (phone && sameAsLine === null && phoneLine !== undefined && identity !== `p:${phone}`) problem('phone', 'phone_taken', `${rawPhone} (${phoneLine})`);
    if (phone && phoneLine === undefined) phonesInFile.set(phone, table.lines[i]!);
    const outcome: ContactImportOutcome = problems.length ? 'problem' : sameAsLine !== null ? 'duplicate_in_file' : match ? 'update' : 'create';
    return {
      line: table.lines[i]!, outcome, displayName, kind: kind ?? 'person', email: email && rawEmail, phone: phone && rawPhone,
      employer: kind === 'organisation' ? null : cap('employer', 200), jobTitle: cap('jobTitle', 200), beat: cap('beat', 200),
      languages: [...new Set(languages)], roles: [...new Set(roles)], tags: [...new Set(tags)], notes: cap('notes', 10000), consent,
      matchedId: match?.id ?? null, matchedName: match?.display_name ?? null, sameAsLine, problems,
    };
  });
  return { table, fields, rows };
}

function report(p: Awaited<ReturnType<typeof plan>>, locale: Locale, committed: boolean): ContactImportReport {
  const counts = { create: 0, update: 0, duplicate_in_file: 0, problem: 0, consents: 0 };
  for (const r of p.rows) { counts[r.outcome] += 1; if (r.consent && r.outcome !== 'problem' && r.outcome !== 'duplicate_in_file') counts.consents += 1; }
  return {
    rowCount: p.rows.length, committed, counts,
    columns: p.table.headers.map((header, i) => ({ header, field: p.fields[i] ?? null })),
    rows: p.rows.map((r) => ({
      line: r.line, displayName: r.displayName, email: r.email, outcome: r.outcome, matchedId: r.matchedId, matchedName: r.matchedName,
      sameAsLine: r.sameAsLine, consent: r.consent !== null,
      problems: r.problems.map((q) => ({ ...q, message: translate(`contact_import.problem.${q.code}` as MessageKey, locale, { value: q.value }) })),
    })),
  };
}

export async function dryRunContactImport(ctx: AppContext, actor: Actor, bytes: Buffer, listId: string | undefined, now = new Date()) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => report(await plan(trx, bytes, listId, now), actor.locale, false));
}

export async function commitContactImport(ctx: AppContext, actor: Actor, bytes: Buffer, fileName: string, listId: string | undefined, now = new Date()) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const p = await plan(trx, bytes, listId, now);
    const problems = p.rows.filter((r) => r.outcome === 'problem').length;
    if (problems > 0) throw new AppError('contact_import.has_problems', { rowsWithProblems: problems });
    const org = actor.organisationId;
    const source = `Import CSV « ${fileName} »`.slice(0, 500);
    const employers = new Map((await organisationNames(trx)).map((o) => [key(o.display_name), o.id]));
    const audit: AuditEntry[] = [];
    const entry = (action: string, id: string, line: number): AuditEntry => ({
      organisationId: org, actorId: actor.userId, action, entityType: 'contact', entityId: id, context: { import: fileName, line },
    });
    const employerId = async (name: string | null, line: number) => {
      if (!name) return null;
      const found = employers.get(key(name));
      if (found) return found;
      const { id } = await insertContact(trx, org, actor.userId, {
        kind: 'organisation', display_name: name, employer_id: null, organisation_type: null, job_title: null, beat: null, languages: [], roles: [],
        tags: [], notes: null, source,
      });
      employers.set(key(name), id);
      audit.push(entry('contact.created', id, line));
      return id;
    };
    // Organisations first, so that a person's "Organisation" finds the one on a later line.
    const ordered = [...p.rows].sort((a, b) => (a.kind === b.kind ? a.line - b.line : a.kind === 'organisation' ? -1 : 1));
    for (const r of ordered) {
      if (r.outcome === 'duplicate_in_file') continue;
      let id = r.matchedId;
      if (r.outcome === 'create') {
        if (r.kind === 'organisation' && employers.has(key(r.displayName))) {
          id = employers.get(key(r.displayName))!;
        } else {
          ({ id } = await insertContact(trx, org, actor.userId, {
            kind: r.kind, display_name: r.displayName, employer_id: await employerId(r.employer, r.line), organisation_type: null, job_title: r.jobTitle,
            beat: r.beat, languages: r.languages, roles: r.roles, tags: r.tags, notes: r.notes, source,
          }));
          if (r.kind === 'organisation') employers.set(key(r.displayName), id);
          audit.push(entry('contact.created', id, r.line));
        }
        await replaceChannels(trx, org, id, [
          ...(r.email ? [{ kind: 'email', value: r.email, normalised: normaliseEmail(r.email), label: null }] : []),
          ...(r.phone ? [{ kind: 'phone', value: r.phone, normalised: normalisePhone(r.phone), label: null }] : []),
        ]);
      } else {
        // Matched: the file completes the contact (new roles, tags, languages, empty fields, a missing channel); nothing is overwritten.
        const c = (await findContact(trx, id!, true))!;
        await updateContact(trx, id!, {
          kind: c.kind, display_name: c.display_name, organisation_type: c.organisation_type, source: c.source,
          employer_id: c.employer_id ?? (c.kind === 'person' ? await employerId(r.employer, r.line) : null),
          job_title: c.job_title ?? r.jobTitle, beat: c.beat ?? r.beat, notes: c.notes ?? r.notes,
          languages: [...new Set([...c.languages, ...r.languages])], roles: [...new Set([...c.roles, ...r.roles])], tags: [...new Set([...c.tags, ...r.tags])],
        });
        const have = await contactChannels(trx, id!);
        const add = [
          ...(r.email && !have.some((h) => h.kind === 'email' && h.normalised === normaliseEmail(r.email!)) ? [{ kind: 'email', value: r.email, normalised: normaliseEmail(r.email), label: null }] : []),
          ...(r.phone && !have.some((h) => h.kind === 'phone' && h.normalised === normalisePhone(r.phone!)) ? [{ kind: 'phone', value: r.phone, normalised: normalisePhone(r.phone), label: null }] : []),
        ];
        if (add.length) await replaceChannels(trx, org, id!, [...have.map((h) => ({ kind: h.kind, value: h.value, normalised: h.normalised, label: h.label })), ...add]);
        audit.push(entry('contact.changed', id!, r.line));
      }
      if (listId) await addListMember(trx, org, listId, id!, actor.userId);
      if (r.consent) {
        await insertConsentEvent(trx, {
          organisationId: org, contactId: id!, listId: listId ?? null, channel: 'email', status: 'granted', method: 'import', formVersion: null,
          formText: null, note: r.consent.source, recordedBy: actor.userId, at: r.consent.at,
        });
      }
    }
    const result = report(p, actor.locale, true);
    await recordAuditBatch(trx, audit);
    await recordAudit(trx, {
      organisationId: org, actorId: actor.userId, action: 'contacts.imported', entityType: 'contact_import',
      after: { fileName, listId: listId ?? null, ...result.counts },
    });
    return result;
  });
}

/** The search's contacts as CSV (';' and a BOM, as French Excel opens it); every text cell is neutralised. Audited. */
export async function contactsCsv(ctx: AppContext, actor: Actor, filter: ContactFilter, ip: string): Promise<string> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await exportRows(trx, filter);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contacts.exported', entityType: 'export',
      after: { rows: rows.length }, context: { ip, ...filter },
    });
    const cell: Record<Field, (r: (typeof rows)[number]) => string> = {
      displayName: (r) => r.display_name, kind: (r) => (r.kind === 'person' ? 'personne' : 'organisation'), email: (r) => r.email ?? '',
      phone: (r) => r.phone ?? '', employer: (r) => r.employer_name ?? '', jobTitle: (r) => r.job_title ?? '', beat: (r) => r.beat ?? '',
      languages: (r) => r.languages.join(', '), roles: (r) => r.roles.map((x) => ROLE_FR[x as ContactRole] ?? x).join(', '),
      tags: (r) => r.tags.join(', '), notes: (r) => r.notes ?? '', consentSource: () => '', consentDate: () => '',
    };
    return stringify([
      EXPORT_COLUMNS.map((c) => c.header),
      ...rows.map((r) => EXPORT_COLUMNS.map((c) => neutralise(cell[c.field](r)))),
    ], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  });
}
