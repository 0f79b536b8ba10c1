import type {
  DonationView, MembersRegisterView, MemberView, MembershipCategory, MembershipReminderSettings, PaymentImportReport, PaymentMethod, ReceiptSettingsView,
  ReceiptView,
} from '@vigie/domain/rules';
import { api, requestRaw } from '../../../api/client';

/** Members and dues' calls to the server (issue 18), typed from the domain's views. */
export type { DonationView, MemberView, PaymentImportReport, ReceiptSettingsView, ReceiptView };

/** A payment platform's export, sent as is: first a dry run, then the same file confirmed. */
async function importPayments(step: 'dry-run' | 'commit', file: File) {
  const res = await requestRaw('POST', `/api/association/payment-import/${step}?${new URLSearchParams({ fileName: file.name }).toString()}`, file,
    { 'Content-Type': file.type || 'text/csv' });
  if (res.error) throw res.error;
  return res.payload as PaymentImportReport;
}

export const membersApi = {
  importPayments,
  register: (q = '') => api.get<MembersRegisterView>(`/api/association/members?q=${encodeURIComponent(q)}`),
  settings: () => api.get<{ settings: ReceiptSettingsView | null }>('/api/association/receipt-settings').then((r) => r.settings),
  saveSettings: (body: ReceiptSettingsView) => api.put<{ settings: ReceiptSettingsView }>('/api/association/receipt-settings', body),
  reminders: () => api.get<MembershipReminderSettings>('/api/association/membership-reminders'),
  saveReminders: (body: MembershipReminderSettings) => api.put<MembershipReminderSettings>('/api/association/membership-reminders', body),
  addMember: (body: { fullName: string; address: string; postcode: string; city: string; email: string; joinedOn: string }) =>
    api.post<MemberView>('/api/association/members', body),
  addMembership: (memberId: string, body: { year: number; category: MembershipCategory; amountCents: number; paidOn: string; method: PaymentMethod }) =>
    api.post<MemberView>(`/api/association/members/${memberId}/memberships`, body),
  addDonation: (body: {
    donorKind: 'person' | 'company'; donorName: string; donorAddress: string; donorPostcode: string; donorCity: string; amountCents: number; receivedOn: string;
    method: PaymentMethod;
  }) => api.post<DonationView>('/api/association/donations', body),
  duesReceipt: (membershipId: string) => api.post<ReceiptView>(`/api/association/memberships/${membershipId}/receipt`),
  taxReceipt: (donationId: string) => api.post<ReceiptView>(`/api/association/donations/${donationId}/tax-receipt`),
  cancel: (receiptId: string, reason: string) => api.post<ReceiptView>(`/api/association/receipts/${receiptId}/cancel`, { reason }),
  pdfUrl: (receiptId: string) => `/api/association/receipts/${receiptId}/pdf`,
};

/** "15", "15,5" or "15.50" euros → cents; NaN for anything else (the server refuses zero with its own message). */
export function eurosToCents(value: string): number {
  const v = value.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : Number.NaN;
}
