import type { AreaView, CommuneView, ReferenceView, TaxonomyKind, TermView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Executor, Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { officialCommuneName } from './seed-defaults.js';
import {
  findArea, findCommune, findTerm, insertAreaIfNew, insertCommuneIfNew, insertTermIfNew, listAreas, listCommunes, listTerms, maxTermSort, updateArea,
  updateCommune, upsertTerm,
} from './taxonomies.queries.js';

/**
 * What coordinators edit: the lists observers pick from, the areas and their communes. Nothing
 * here is ever deleted, since past records name these codes: a term or an area is deactivated
 * (hidden from capture, still readable in old records). Every change is in the audit trail.
 */
type TermRow = Awaited<ReturnType<typeof listTerms>>[number];
export const presentTerm = (t: TermRow): TermView => ({ kind: t.kind as TaxonomyKind, code: t.code, labelFr: t.label_fr, labelEn: t.label_en, sort: t.sort, active: t.active, partOf: t.part_of });
const presentArea = (a: { id: string; code: string; name: string; active: boolean }): AreaView => ({ id: a.id, code: a.code, name: a.name, active: a.active });
const presentCommune = (c: { insee_code: string; name: string; area_id: string }): CommuneView => ({ inseeCode: c.insee_code, name: c.name, areaId: c.area_id });

function audit(trx: Trx, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
  return recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action, entityType, entityId, before, after });
}

export async function listTaxonomies(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const [terms, areas, communes] = await Promise.all([listTerms(trx), listAreas(trx), listCommunes(trx)]);
    return { terms: terms.map(presentTerm), areas: areas.map(presentArea), communes: communes.map(presentCommune) };
  });
}

/** A new term goes to the end of its list unless a place is given. */
export async function createTerm(ctx: AppContext, actor: Actor, kind: TaxonomyKind, input: { code: string; labelFr: string; labelEn: string; sort?: number | undefined }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const sort = input.sort ?? (await maxTermSort(trx, kind)) + 10;
    const row = await insertTermIfNew(trx, actor.organisationId, { kind, code: input.code, labelFr: input.labelFr, labelEn: input.labelEn, sort });
    if (!row) throw new AppError('taxonomy.code_taken');
    const view = presentTerm(row);
    await audit(trx, actor, 'taxonomy.term_created', 'taxonomy_term', `${kind}:${input.code}`, null, view);
    return view;
  });
}

export async function createArea(ctx: AppContext, actor: Actor, input: { code: string; name: string }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertAreaIfNew(trx, actor.organisationId, input.code, input.name);
    if (!row) throw new AppError('taxonomy.code_taken');
    await audit(trx, actor, 'taxonomy.area_created', 'area', row.id, null, presentArea(row));
    return presentArea(row);
  });
}

export async function saveArea(ctx: AppContext, actor: Actor, code: string, input: { name: string; active: boolean }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findArea(trx, code);
    if (!before) throw new AppError('field.unknown_area');
    const row = await updateArea(trx, before.id, input.name, input.active);
    await audit(trx, actor, 'taxonomy.area_saved', 'area', row.id, presentArea(before), presentArea(row));
    return presentArea(row);
  });
}

async function areaIdOf(trx: Trx, areaCode: string): Promise<string> {
  const area = await findArea(trx, areaCode);
  if (!area) throw new AppError('field.unknown_area');
  return area.id;
}

/** Adds a commune to an area; its official name comes from Etalab's dataset when none is given. */
export async function addCommune(ctx: AppContext, actor: Actor, input: { inseeCode: string; areaCode: string; name?: string | undefined }) {
  const name = input.name ?? officialCommuneName(input.inseeCode);
  if (!name) throw new AppError('taxonomy.unknown_commune', { code: input.inseeCode });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertCommuneIfNew(trx, actor.organisationId, await areaIdOf(trx, input.areaCode), input.inseeCode, name);
    if (!row) throw new AppError('taxonomy.commune_taken');
    await audit(trx, actor, 'taxonomy.commune_added', 'commune', input.inseeCode, null, presentCommune(row));
    return presentCommune(row);
  });
}

/** Renames a commune or moves it to another area (sites keep the area they were recorded with). */
export async function saveCommune(ctx: AppContext, actor: Actor, inseeCode: string, input: { areaCode: string; name: string }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findCommune(trx, inseeCode);
    if (!before) throw new AppError('field.unknown_term', { kind: 'commune', code: inseeCode });
    const areaId = await areaIdOf(trx, input.areaCode);
    await updateCommune(trx, inseeCode, input.name, areaId);
    const after = { inseeCode, name: input.name, areaId };
    await audit(trx, actor, 'taxonomy.commune_saved', 'commune', inseeCode, presentCommune(before), after);
    return after;
  });
}

/**
 * A term may be declared a part of another of the same list ("tentes pleines d'affaires" ⊂
 * "tentes"): one level only, so the whole must exist, be another term and not be a part
 * itself, and a term that already has parts cannot become a part.
 */
async function assertCanBePart(trx: Trx, kind: TaxonomyKind, code: string, whole: string) {
  const wholeRow = await findTerm(trx, kind, whole);
  const terms = await listTerms(trx);
  const hasParts = terms.some((t) => t.kind === kind && t.part_of === code);
  if (whole === code || !wholeRow || wholeRow.part_of !== null || hasParts) throw new AppError('taxonomy.invalid_part', { code, whole });
}

/** Relabels, reorders or (de)activates a term; creates it if the code is new. */
export async function saveTerm(ctx: AppContext, actor: Actor, kind: TaxonomyKind, code: string, input: {
  labelFr: string; labelEn: string; sort: number; active: boolean; partOf?: string | null | undefined;
}) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findTerm(trx, kind, code);
    if (input.partOf) await assertCanBePart(trx, kind, code, input.partOf);
    const t = await upsertTerm(trx, actor.organisationId, { kind, code, ...input });
    const view = presentTerm(t);
    await audit(trx, actor, 'taxonomy.term_saved', 'taxonomy_term', `${kind}:${code}`,
      before && { labelFr: before.label_fr, labelEn: before.label_en, active: before.active, partOf: before.part_of }, view);
    return view;
  });
}

/** The lists a phone caches (areas, communes, terms), for the reference module. */
export async function referenceLists(db: Executor): Promise<Omit<ReferenceView, 'members'>> {
  const [areas, communes, terms] = await Promise.all([listAreas(db), listCommunes(db), listTerms(db)]);
  return {
    areas: areas.filter((a) => a.active).map((a) => ({ id: a.id, code: a.code, name: a.name })),
    communes: communes.map(presentCommune),
    terms: terms.map(presentTerm),
  };
}
