import type { Executor } from '../../../platform/db/database.js';

export async function saveSetupCode(db: Executor, codeHash: string) {
  await db.insertInto('setup_codes').values({ id: true, code_hash: codeHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ code_hash: codeHash, created_at: new Date() })).execute();
}

export async function lockSetupCode(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('setup_codes').select('code_hash').forUpdate().executeTakeFirst();
  return row?.code_hash;
}

export async function deleteSetupCode(db: Executor) {
  await db.deleteFrom('setup_codes').execute();
}

export async function insertOrganisation(db: Executor, name: string, slug: string | null = null): Promise<string> {
  const org = await db.insertInto('organisations').values({ name, slug }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('organisation_settings').values({ organisation_id: org.id }).execute();
  return org.id;
}

export async function slugInUse(db: Executor, slug: string): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}
