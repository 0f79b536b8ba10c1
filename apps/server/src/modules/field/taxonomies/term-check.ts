import type { TaxonomyKind } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';

/** Refuses a record that names a list value the organisation does not have. */
export async function assertTermsExist(db: Executor, wanted: ReadonlyArray<readonly [TaxonomyKind, string]>): Promise<void> {
  if (wanted.length === 0) return;
  const kinds = [...new Set(wanted.map(([k]) => k))];
  const rows = await db.selectFrom('taxonomy_terms').select(['kind', 'code']).where('kind', 'in', kinds).execute();
  const known = new Set(rows.map((r) => `${r.kind}:${r.code}`));
  const missing = wanted.find(([kind, code]) => !known.has(`${kind}:${code}`));
  if (missing) throw new AppError('field.unknown_term', { kind: missing[0], code: missing[1] });
}
