import { isOverdue, type EquipmentInput, type EquipmentView, type LoanView } from '@vigie/domain';
import type { ItemRow, LoanRow, itemsOfLoans, documentsOfLoans, openLoanOfItems } from './equipment.queries.js';

type OpenLoan = Awaited<ReturnType<typeof openLoanOfItems>>[number];

export function presentItem(r: ItemRow, out: OpenLoan | undefined): EquipmentView {
  return {
    id: r.id, kind: r.kind as EquipmentView['kind'], label: r.label, identifier: r.identifier, state: r.state as EquipmentView['state'],
    location: r.location, notes: r.notes, deviceId: r.device_id,
    out: out ? { loanId: out.loan_id, borrowerId: out.borrower_id, borrowerName: out.borrower_name, since: out.out_at.toISOString(), dueOn: out.due_on } : null,
  };
}

export function itemColumns(i: EquipmentInput) {
  return { kind: i.kind, label: i.label, identifier: i.identifier || null, state: i.state, location: i.location, notes: i.notes, device_id: i.kind === 'field_phone' ? i.deviceId : null };
}

export const documentUrl = (loanId: string, kind: string) => `/api/association/loans/${loanId}/documents/${kind}`;

export function presentLoan(
  l: LoanRow, items: Awaited<ReturnType<typeof itemsOfLoans>>, docs: Awaited<ReturnType<typeof documentsOfLoans>>, today: string,
): LoanView {
  const returnedAt = l.returned_at?.toISOString() ?? null;
  return {
    id: l.id, borrowerId: l.borrower_id, borrowerName: l.borrower_name, lenderId: l.lender_id, lenderName: l.lender_name,
    outAt: l.out_at.toISOString(), dueOn: l.due_on, conditions: l.conditions, returnedAt, returnNotes: l.return_notes,
    overdue: isOverdue({ dueOn: l.due_on, returnedAt }, today),
    items: items.filter((i) => i.loan_id === l.id).map((i) => ({
      id: i.id, kind: i.kind as EquipmentView['kind'], label: i.label, identifier: i.identifier, stateOnReturn: i.state_on_return as LoanView['items'][number]['stateOnReturn'],
    })),
    documents: docs.filter((d) => d.loan_id === l.id).map((d) => ({ kind: d.kind as 'out' | 'in', sha256: d.sha256, url: documentUrl(l.id, d.kind) })),
  };
}
