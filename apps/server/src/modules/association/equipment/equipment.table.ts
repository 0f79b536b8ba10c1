import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the house tables (migration 2026-12-03-19a-01), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface EquipmentItemsTable {
  id: Generated<string>; organisation_id: string; kind: string; label: string; identifier: Nullable<string>;
  state: WithDefault<string>; location: WithDefault<string>; notes: WithDefault<string>; device_id: Nullable<string>;
  created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface EquipmentLoansTable {
  id: Generated<string>; organisation_id: string; borrower_id: string; lender_id: string; out_at: ColumnType<Date, Date | string, Date | string>;
  due_on: Nullable<string>; conditions: string; returned_at: NullableTimestamp; received_by: Nullable<string>; return_notes: Nullable<string>;
  reminded_on: Nullable<string>; created_at: DefaultTimestamp;
}
export interface EquipmentLoanItemsTable {
  organisation_id: string; loan_id: string; item_id: string; returned_at: NullableTimestamp; state_on_return: Nullable<string>;
}
export interface EquipmentLoanDocumentsTable {
  id: Generated<string>; organisation_id: string; loan_id: string; kind: string; pdf: Buffer; sha256: string; created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    equipment_items: EquipmentItemsTable;
    equipment_loans: EquipmentLoansTable;
    equipment_loan_items: EquipmentLoanItemsTable;
    equipment_loan_documents: EquipmentLoanDocumentsTable;
  }
}
