import { createHash } from 'node:crypto';
import { DEFAULT_LOAN_CONDITIONS_FR, parisDate, type LoanHandOver, type LoanReturn } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { unsentOnDevice } from '../../field/phones/phones.service.js';
import { presentLoan } from './equipment.presenter.js';
import {
  closeLoan, documentsOfLoans, findDocument, findItems, findLoan, findPerson, insertDocument, insertLoan, insertLoanItems, itemsOfLoans, itemsOut,
  listLoans, lockItems, organisationName, returnLoanItems, setItemStates, type LoanRow,
} from './equipment.queries.js';
import { LOAN_FORM_VERSION, loanFormPdf } from './loan-form-pdf.js';
import { readSignature, type Signature } from './signatures.js';

/**
 * Loans (issue 19): equipment and keys handed over against a form signed on the screen, and
 * taken back against a second one. Each form is a PDF kept with the loan; its SHA-256, the
 * template version and the signatures' hashes go into the audit trail in the same transaction,
 * so a form shown later can be checked against the chain. Nothing is half-saved: a refusal
 * (item already out, return before the loan, empty signature, phone still holding unsent
 * records) rolls the whole hand-over or return back.
 */

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function loanViews(trx: Executor, loans: LoanRow[]) {
  const ids = loans.map((l) => l.id);
  const [items, docs] = await Promise.all([itemsOfLoans(trx, ids), documentsOfLoans(trx, ids)]);
  const today = parisDate(new Date());
  return loans.map((l) => presentLoan(l, items, docs, today));
}

async function loanView(trx: Executor, id: string) {
  const row = await findLoan(trx, id);
  if (!row) throw new AppError('loan.not_found');
  return (await loanViews(trx, [row]))[0]!;
}

function atOrNow(at: string | null): Date {
  const when = at ? new Date(at) : new Date();
  // A minute of clock drift between a phone and the server is tolerated; a hand-over tomorrow is not.
  if (when.getTime() > Date.now() + 60_000) throw new AppError('loan.in_future');
  return when;
}

async function signaturesOf(input: { borrowerSignature: LoanHandOver['borrowerSignature']; lenderSignature: LoanHandOver['lenderSignature'] }) {
  const borrower = await readSignature(input.borrowerSignature, 'borrower');
  const lender = input.lenderSignature && (input.lenderSignature.drawnPng || input.lenderSignature.typedName)
    ? await readSignature(input.lenderSignature, 'lender') : null;
  return { borrower, lender };
}

const signatureAudit = (s: Signature | null) => (s ? { sha256: s.sha256, method: s.png ? 'drawn' : 'typed' } : null);

export async function handOver(ctx: AppContext, actor: Actor, input: LoanHandOver, ip: string) {
  const at = atOrNow(input.at);
  if (input.dueOn && input.dueOn < parisDate(at)) throw new AppError('loan.due_before_loan', { dueOn: input.dueOn });
  const signatures = await signaturesOf(input);
  const itemIds = [...new Set(input.itemIds)];
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const borrower = await findPerson(trx, input.borrowerId);
    if (!borrower) throw new AppError('loan.unknown_person');
    await lockItems(trx, itemIds);
    const items = await findItems(trx, itemIds);
    if (items.length !== itemIds.length) throw new AppError('equipment.not_found');
    const retired = items.find((i) => i.state === 'retired' || i.state === 'lost');
    if (retired) throw new AppError('loan.item_unavailable', { item: retired.label });
    const out = await itemsOut(trx, itemIds);
    if (out.length) throw new AppError('loan.item_already_out', { item: items.find((i) => i.id === out[0])!.label });
    const lender = (await findPerson(trx, actor.userId))!;
    const conditions = input.conditions?.trim() || DEFAULT_LOAN_CONDITIONS_FR;
    const { id } = await insertLoan(trx, {
      organisation_id: actor.organisationId, borrower_id: borrower.id, lender_id: actor.userId, out_at: at, due_on: input.dueOn, conditions,
    });
    await insertLoanItems(trx, actor.organisationId, id, itemIds);
    const pdf = loanFormPdf({
      kind: 'out', organisation: await organisationName(trx), loanId: id, borrower: borrower.display_name, lender: lender.display_name, at, outAt: at,
      dueOn: input.dueOn, conditions, notes: '', items: items.map((i) => ({ kind: i.kind, label: i.label, identifier: i.identifier, state: null })),
      borrowerSignature: signatures.borrower, lenderSignature: signatures.lender,
    });
    const hash = sha256(pdf);
    await insertDocument(trx, { organisationId: actor.organisationId, loanId: id, kind: 'out', pdf, sha256: hash });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'loan.handed_over', entityType: 'equipment_loan', entityId: id,
      after: { borrowerId: borrower.id, itemIds, dueOn: input.dueOn, outAt: at.toISOString() },
      context: {
        ip, pdfSha256: hash, template: LOAN_FORM_VERSION,
        borrowerSignature: signatureAudit(signatures.borrower), lenderSignature: signatureAudit(signatures.lender),
      },
    });
    return loanView(trx, id);
  });
}

/** A field phone is taken back only once it reported that nothing waits to be sent. */
async function checkPhonesEmpty(trx: Executor, items: Awaited<ReturnType<typeof itemsOfLoans>>) {
  for (const item of items) {
    if (item.kind !== 'field_phone' || !item.device_id) continue;
    const unsent = await unsentOnDevice(trx, item.device_id);
    if (unsent && (unsent.records > 0 || unsent.media > 0)) {
      throw new AppError('loan.phone_not_empty', { item: item.label, records: unsent.records, media: unsent.media });
    }
  }
}

export async function takeBack(ctx: AppContext, actor: Actor, loanId: string, input: LoanReturn, ip: string) {
  const at = atOrNow(input.at);
  const signatures = await signaturesOf(input);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const loan = await findLoan(trx, loanId, true);
    if (!loan) throw new AppError('loan.not_found');
    if (loan.returned_at) throw new AppError('loan.already_returned');
    if (at < loan.out_at) throw new AppError('loan.return_before_loan', { outAt: loan.out_at.toISOString() });
    const items = await itemsOfLoans(trx, [loanId]);
    const unknown = input.states.find((s) => !items.some((i) => i.id === s.itemId));
    if (unknown) throw new AppError('loan.item_not_in_loan');
    await checkPhonesEmpty(trx, items);
    const states = new Map(items.map((i) => [i.id, input.states.find((s) => s.itemId === i.id)?.state ?? 'good']));
    const receiver = (await findPerson(trx, actor.userId))!;
    await closeLoan(trx, loanId, { returnedAt: at, receivedBy: actor.userId, notes: input.notes });
    await returnLoanItems(trx, loanId, at, states);
    await setItemStates(trx, states);
    const pdf = loanFormPdf({
      kind: 'in', organisation: await organisationName(trx), loanId, borrower: loan.borrower_name, lender: receiver.display_name, at, outAt: loan.out_at,
      dueOn: loan.due_on, conditions: loan.conditions, notes: input.notes,
      items: items.map((i) => ({ kind: i.kind, label: i.label, identifier: i.identifier, state: states.get(i.id)! })),
      borrowerSignature: signatures.borrower, lenderSignature: signatures.lender,
    });
    const hash = sha256(pdf);
    await insertDocument(trx, { organisationId: actor.organisationId, loanId, kind: 'in', pdf, sha256: hash });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'loan.returned', entityType: 'equipment_loan', entityId: loanId,
      before: { returnedAt: null }, after: { returnedAt: at.toISOString(), states: Object.fromEntries(states) },
      context: {
        ip, pdfSha256: hash, template: LOAN_FORM_VERSION,
        borrowerSignature: signatureAudit(signatures.borrower), lenderSignature: signatureAudit(signatures.lender),
      },
    });
    return loanView(trx, loanId);
  });
}

export async function listHouseLoans(ctx: AppContext, actor: Actor, filter: { borrowerId?: string; open?: boolean }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ loans: await loanViews(trx, await listLoans(trx, filter)) }));
}

/** What a person holds (their own page; the offboarding list reads the same). */
export async function myLoans(ctx: AppContext, actor: Actor) {
  return listHouseLoans(ctx, actor, { borrowerId: actor.userId });
}

export async function readLoan(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => loanView(trx, id));
}

/** A signed form: to the house managers, and to the borrower (their own copy). */
export async function loanDocument(ctx: AppContext, actor: Actor, loanId: string, kind: 'out' | 'in', mayManage: boolean) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const loan = await findLoan(trx, loanId);
    if (!loan || (!mayManage && loan.borrower_id !== actor.userId)) throw new AppError('loan.not_found');
    const doc = await findDocument(trx, loanId, kind);
    if (!doc) throw new AppError('loan.document_not_found');
    const name = kind === 'out' ? 'mise-a-disposition' : 'restitution';
    return { pdf: doc.pdf, fileName: `${name}-${loan.out_at.toISOString().slice(0, 10)}-${loanId.slice(0, 8)}.pdf` };
  });
}
