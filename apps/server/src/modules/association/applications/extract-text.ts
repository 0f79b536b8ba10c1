import type { Db } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { fileDecryptor } from '../../../platform/crypto/file-cipher.js';
import { findFile, saveExtraction } from './applications.queries.js';
import { extractText, type CvType } from './cv-file.js';

/** The background job's work: decrypt one file, extract its text, index it. A failure is recorded, not retried forever. */
export async function extractApplicationText(deps: { db: Db; serverKey: Buffer }, organisationId: string, fileId: string) {
  const file = await inOrganisation(deps.db, organisationId, (trx) => findFile(trx, fileId));
  if (!file) return; // purged or replaced meanwhile
  let result: { status: string; text: string | null; note: string | null };
  try {
    const decipher = fileDecryptor(deps.serverKey, file.id, file.iv, file.tag);
    const bytes = Buffer.concat([decipher.update(file.ciphertext), decipher.final()]);
    const extraction = await extractText(file.detected_type as CvType, bytes);
    // NUL bytes cannot be stored in PostgreSQL text.
    result = extraction.status === 'done' ? { status: 'done', text: extraction.text.replace(/\u0000/g, ''), note: null } : { status: 'no_text', text: null, note: extraction.note };
  } catch (err) {
    result = { status: 'failed', text: null, note: (err as Error).message.slice(0, 200) };
  }
  await inOrganisation(deps.db, organisationId, (trx) => saveExtraction(trx, fileId, result));
}
