/** The words of members and dues (issue 18), without zod: the web's rules bundle imports them. */
export const MEMBERSHIP_CATEGORIES = ['individual', 'reduced', 'benefactor', 'legal_person'] as const;
export type MembershipCategory = (typeof MEMBERSHIP_CATEGORIES)[number];
export const PAYMENT_METHODS = ['cash', 'cheque', 'transfer', 'card', 'direct_debit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const DONOR_KINDS = ['person', 'company'] as const;
export const RECEIPT_SERIES = ['dues', 'tax'] as const;
export type ReceiptSeries = (typeof RECEIPT_SERIES)[number];
/** The boxes of CERFA 11580 this platform's associations tick. */
export const RECEIPT_STATUSES = ['general_interest', 'public_utility'] as const;

