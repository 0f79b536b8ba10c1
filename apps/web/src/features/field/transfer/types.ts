/** What the import API answers (apps/server/src/modules/field/transfer/transfer.routes.ts). */
export type Mapping = Record<string, string | null>;
export interface SameFile { importId: string; fileName: string; committedAt: string }
export interface Uploaded {
  importId: string; fileName: string; fileType: 'csv' | 'xlsx'; rowCount: number; columns: string[]; sampleRows: string[][];
  suggestedMapping: Mapping; fields: { key: string; label: string }[]; sameFile: SameFile | null;
}
export interface Problem { field: string; column: string | null; code: string; value: string; message: string }
export interface Report {
  rowCount: number; rowsOk: number; rowsWithProblems: number; mappingProblems: Problem[];
  rows: { row: number; ok: boolean; problems: Problem[] }[];
  wouldCreate: { operations: number; evictions: number; sites: number };
  newSites: {
    row: number; code: string; name: string; communeInsee: string; latitude: number | null; longitude: number | null;
    /** Set when its position lies far from the organisation's placed sites: said, never refused. */
    warning: 'outside_area' | null; warningMessage: string | null;
  }[];
  sameFile: SameFile | null;
}
export interface Committed { rows: number; evictionStatus: string; created: { sites: number; operations: number; evictions: number } }
export const DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;
export interface ImportOptions {
  dateFormat: (typeof DATE_FORMATS)[number]; areaCode: string | null; defaultAtLeast: boolean; createUnknownSites: boolean;
  markVerified: boolean; confirmSameFile: boolean;
}
