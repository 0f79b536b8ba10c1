/**
 * A package that is heavy to load (tens of MiB, hundreds of ms) and needed only by a rare
 * feature — spreadsheets, charts, bounce mail, article pages, S3 — is imported the first time
 * that feature runs instead of at start-up, so an idle server neither pays for it nor holds it
 * (docs/adr/0010-compiled-server.md). A failed load is forgotten, so the next call tries again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  }));
}

/** ExcelJS, for the spreadsheet imports and exports (about 27 MiB and 0.4 s to load). */
export const loadExcelJS = onFirstUse(async () => (await import('exceljs')).default);

/** sharp (libvips, about 25 MiB): photos' publication copies, charts as PNG, signatures, share cards. */
export const loadSharp = onFirstUse(async () => (await import('sharp')).default);

/** feed, for the Atom feeds of press releases and newsletters (with its XML writer, ≈ 1 MiB). */
export const loadFeed = onFirstUse(async () => (await import('feed')).Feed);

/** file-type, which reads a file's real type from its first bytes. */
export const loadFileType = onFirstUse(() => import('file-type'));
