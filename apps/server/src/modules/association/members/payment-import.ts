import { z } from 'zod';
import {
  mapPaymentHeaders, normaliseEmail, parisDate, paymentStatusAccepted, readEuroAmount, readPaymentDate, readPaymentKind, readPaymentMethod,
  type Locale, type PaymentImportField, type PaymentImportOutcome, type PaymentImportReport, type PaymentMethod,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate, type MessageKey } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { contactsByAddress } from '../../communication/contacts/contact-events.js';
import { parseSpreadsheet } from '../../field/transfer/transfer.parse.js';
import { insertDonation, insertMember, insertMembership, membershipYears, membersWithEmail, recordedRefs } from './members.queries.js';

/**
 * Dues and gifts from a payment platform's export (HelloAsso's by default). The file is read by
 * the spreadsheet intake every import uses (encoding and delimiter detected, XLSX too), each row
 * checked in a dry run that writes nothing: what it becomes (dues or a gift), for whom (a member
 * found by e-mail, a new member made from a contact of that address, or a new member), or why it
 * is refused. Confirming plans the same file again and records every accepted row in one
 * transaction; refused rows are left out and listed. The platform's payment reference is kept
 * with each record (unique per organisation): a reference already imported is shown as such and
 * never recorded twice, so an export can be imported again after fixing its refused rows.
 */
const REQUIRED: PaymentImportField[] = ['reference', 'date', 'amount', 'kind'];
const emailCheck = z.email();

type Problem = { field: PaymentImportField; code: string; value: string };
type Match = { kind: 'member' | 'contact' | 'new_member' | 'none'; name: string; memberId: string | null; contactId: string | null };
type Planned = {
  line: number; reference: string; ref: string; outcome: PaymentImportOutcome; kind: 'dues' | 'gift' | null; payerName: string; email: string;
  amountCents: number | null; date: string | null; method: PaymentMethod; company: boolean; address: string; postcode: string; city: string;
  match: Match; sameAsLine: number | null; problems: Problem[];
};

async function plan(trx: Trx, bytes: Buffer, platform: string, today: string, locale: Locale) {
  const table = await parseSpreadsheet(bytes);
  const fields = mapPaymentHeaders(table.headers);
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length) throw new AppError('payment_import.missing_columns', { columns: missing.map((f) => translate(`payment_import.field.${f}` as MessageKey, locale)).join(', ') });

  const members = new Map<string, Awaited<ReturnType<typeof membersWithEmail>>[number]>();
  for (const m of await membersWithEmail(trx)) if (!members.has(m.email)) members.set(m.email, m);
  const cell = (cells: string[], f: PaymentImportField) => { const at = fields.indexOf(f); return at < 0 ? '' : (cells[at] ?? '').trim(); };
  const emails = [...new Set(table.rows.map((c) => normaliseEmail(cell(c, 'email'))).filter((e) => e && !members.has(e)))];
  const contacts = await contactsByAddress(trx, emails);
  const refs = table.rows.map((c) => `${platform}:${cell(c, 'reference')}`);
  const recorded = await recordedRefs(trx, refs.filter((r) => r.length <= 160));
  const years = new Set((await membershipYears(trx, [...members.values()].map((m) => m.id))).map((y) => `${y.member_id}:${y.year}`));

  const seenRefs = new Map<string, number>();
  const duesInFile = new Map<string, number>();
  const rows: Planned[] = table.rows.map((cells, i) => {
    const line = table.lines[i]!;
    const get = (f: PaymentImportField) => cell(cells, f);
    const problems: Problem[] = [];
    const problem = (field: PaymentImportField, code: string, value: string) => problems.push({ field, code, value: value.slice(0, 80) });
    const reference = get('reference');
    const ref = `${platform}:${reference}`;
    const company = get('company');
    const payerName = (company || `${get('firstName')} ${get('lastName')}`).replace(/\s+/g, ' ').trim();
    const rawEmail = get('email');
    const email = normaliseEmail(rawEmail);
    const amountCents = readEuroAmount(get('amount'));
    const date = readPaymentDate(get('date'));
    const kind = readPaymentKind(get('kind'));
    const method = readPaymentMethod(get('method'));
    const base = {
      line, reference, ref, kind, payerName, email, amountCents, date, method: method ?? 'card', company: company !== '',
      address: get('address'), postcode: get('postcode'), city: get('city'), sameAsLine: null as number | null,
    };
    const none: Match = { kind: 'none', name: '', memberId: null, contactId: null };
    // The reference first: an imported payment stays imported, whatever else its row says now.
    if (reference && recorded.has(ref)) return { ...base, outcome: 'already_imported', match: none, problems };
    if (reference && seenRefs.has(ref)) return { ...base, outcome: 'duplicate_in_file', match: none, sameAsLine: seenRefs.get(ref)!, problems };
    if (!reference) problem('reference', 'missing_reference', '');
    else if (ref.length > 160) problem('reference', 'too_long', reference);
    else seenRefs.set(ref, line);
    if (fields.includes('status') && !paymentStatusAccepted(get('status'))) problem('status', 'not_paid', get('status'));
    if (!kind) problem('kind', 'unknown_kind', get('kind'));
    if (amountCents === null || amountCents > 100_000_000) problem('amount', 'bad_amount', get('amount'));
    else if (amountCents === 0) problem('amount', 'amount_zero', get('amount'));
    if (!date) problem('date', 'bad_date', get('date'));
    else if (date > today) problem('date', 'date_in_future', get('date'));
    if (!method) problem('method', 'unknown_method', get('method'));
    if (!payerName) problem('lastName', 'missing_name', '');
    else if (payerName.length > 200) problem('lastName', 'too_long', payerName);
    if (email && (!emailCheck.safeParse(email).success || email.length > 320)) problem('email', 'invalid_email', rawEmail);

    const member = email ? members.get(email) : undefined;
    const contact = email && !member ? contacts.get(email) : undefined;
    let match: Match = member ? { kind: 'member', name: member.full_name, memberId: member.id, contactId: null }
      : contact ? { kind: 'contact', name: contact.displayName, memberId: null, contactId: contact.contactId } : none;
    if (kind === 'dues') {
      // Dues are a member's: without an address to find them by, each row would make a new member.
      if (!email) problem('email', 'email_needed', '');
      if (match.kind === 'none') match = { kind: 'new_member', name: payerName, memberId: null, contactId: null };
      const year = date?.slice(0, 4);
      if (year && member && years.has(`${member.id}:${year}`)) problem('date', 'dues_exist', year);
      const again = year && email ? duesInFile.get(`${email}:${year}`) : undefined;
      if (again !== undefined) problem('date', 'dues_twice', String(again));
      else if (year && email && problems.length === 0) duesInFile.set(`${email}:${year}`, line);
    }
    if (kind === 'gift') {
      // A gift is no membership: it names the member who gave, and no one else.
      if (match.kind === 'contact') match = none;
      // A gift keeps the donor's postal address for the tax receipt: the file's, else the member's.
      if (!base.address && member?.address) Object.assign(base, { address: member.address, postcode: member.postcode, city: member.city });
      if (!base.address || !base.postcode || !base.city) problem('address', 'address_needed', '');
      else if (base.address.length > 300 || base.postcode.length > 10 || base.city.length > 120) problem('address', 'too_long', base.address);
    }
    return { ...base, outcome: problems.length ? 'refused' : (kind as 'dues' | 'gift'), match, problems };
  });
  return { table, fields, rows };
}

function report(p: Awaited<ReturnType<typeof plan>>, locale: Locale, committed: boolean): PaymentImportReport {
  const counts = { dues: 0, gift: 0, already_imported: 0, duplicate_in_file: 0, refused: 0, newMembers: 0, totalCents: 0 };
  const newMembers = new Set<string>();
  for (const r of p.rows) {
    counts[r.outcome] += 1;
    if (r.outcome === 'dues' || r.outcome === 'gift') counts.totalCents += r.amountCents ?? 0;
    if (r.outcome === 'dues' && r.match.kind !== 'member') newMembers.add(r.email);
  }
  counts.newMembers = newMembers.size;
  const headerOf = (f: PaymentImportField) => p.table.headers[p.fields.indexOf(f)] ?? translate(`payment_import.field.${f}` as MessageKey, locale);
  return {
    rowCount: p.rows.length, committed, counts,
    columns: p.table.headers.map((header, i) => ({ header, field: p.fields[i] ?? null })),
    rows: p.rows.map((r) => ({
      line: r.line, reference: r.reference, outcome: r.outcome, payerName: r.payerName, email: r.email, amountCents: r.amountCents, date: r.date,
      match: { kind: r.match.kind, name: r.match.name }, sameAsLine: r.sameAsLine,
      problems: r.problems.map((q) => ({
        column: headerOf(q.field), code: q.code, value: q.value, message: translate(`payment_import.problem.${q.code}` as MessageKey, locale, { value: q.value }),
      })),
    })),
  };
}

export async function dryRunPaymentImport(ctx: AppContext, actor: Actor, bytes: Buffer, platform: string, today = parisDate(new Date())) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => report(await plan(trx, bytes, platform, today, actor.locale), actor.locale, false));
}

export async function commitPaymentImport(ctx: AppContext, actor: Actor, bytes: Buffer, fileName: string, platform: string, ip: string, today = parisDate(new Date())) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const p = await plan(trx, bytes, platform, today, actor.locale);
    const org = actor.organisationId;
    const audit: AuditEntry[] = [];
    const context = (line: number) => ({ ip, import: fileName.slice(0, 255), line });
    const made = new Map<string, string>();
    for (const r of p.rows) {
      if (r.outcome === 'dues') {
        let memberId = r.match.memberId ?? made.get(r.email) ?? null;
        if (!memberId) {
          const m = await insertMember(trx, {
            organisation_id: org, contact_id: r.match.contactId, full_name: r.payerName, address: r.address.slice(0, 300), postcode: r.postcode.slice(0, 10),
            city: r.city.slice(0, 120), email: r.email, joined_on: r.date!, created_by: actor.userId,
          });
          memberId = m.id;
          made.set(r.email, m.id);
          audit.push({
            organisationId: org, actorId: actor.userId, action: 'member.created', entityType: 'member', entityId: m.id,
            after: { joinedOn: r.date, contactId: r.match.contactId }, context: context(r.line),
          });
        }
        const ms = await insertMembership(trx, {
          organisation_id: org, member_id: memberId, year: Number(r.date!.slice(0, 4)), category: r.company ? 'legal_person' : 'individual',
          amount_cents: r.amountCents!, paid_on: r.date!, method: r.method, created_by: actor.userId, external_ref: r.ref,
        });
        audit.push({
          organisationId: org, actorId: actor.userId, action: 'membership.recorded', entityType: 'membership', entityId: ms.id,
          after: { memberId, year: ms.year, amountCents: ms.amount_cents, paidOn: ms.paid_on, method: ms.method, reference: r.ref }, context: context(r.line),
        });
      } else if (r.outcome === 'gift') {
        const d = await insertDonation(trx, {
          organisation_id: org, member_id: r.match.memberId, donor_kind: r.company ? 'company' : 'person', donor_name: r.payerName, donor_address: r.address,
          donor_postcode: r.postcode, donor_city: r.city, amount_cents: r.amountCents!, received_on: r.date!, method: r.method, created_by: actor.userId,
          external_ref: r.ref,
        });
        audit.push({
          organisationId: org, actorId: actor.userId, action: 'donation.recorded', entityType: 'donation', entityId: d.id,
          after: { memberId: r.match.memberId, amountCents: d.amount_cents, receivedOn: d.received_on, method: d.method, reference: r.ref }, context: context(r.line),
        });
      }
    }
    const result = report(p, actor.locale, true);
    await recordAuditBatch(trx, audit);
    await recordAudit(trx, {
      organisationId: org, actorId: actor.userId, action: 'payments.imported', entityType: 'payment_import',
      after: { fileName, platform, ...result.counts }, context: { ip },
    });
    return result;
  }).catch((e: unknown) => {
    // The same export confirmed twice at once: the unique reference lets one through, the other records nothing.
    if ((e as { code?: string }).code === '23505') throw new AppError('payment_import.concurrent');
    throw e;
  });
}
