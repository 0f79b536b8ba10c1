import { createHash, randomUUID } from 'node:crypto';
import {
  busiestWeek, GRATIFICATION_THRESHOLD_HOURS, MAX_INTERNS_PER_TUTOR, MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR, minimumGratificationCents, mondayOf,
  organisationInternCap, parisDate, plannedHours, schoolYearOf, STAFF_REGISTER_YEARS, type InternshipInput, type InternshipSettings, type InternshipsPage,
  type InternshipView, type StaffRegister,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { detectCvType, MAX_CV_BYTES } from '../applications/cv-file.js';
import { activeMember, housePeople } from '../equipment/equipment.service.js';
import * as q from './internships.queries.js';

/**
 * Interns under French law (issue 18, item 5; rules and figures in @vigie/domain internships.ts).
 * Recording refuses a tutor with already 3 interns in a same week, and an organisation over its
 * cap; starting refuses a missing signed convention, and a due gratification whose year has no
 * hourly ceiling set (its minimum would be unknown). For those who run the association.
 */
type Row = Awaited<ReturnType<typeof q.listInternships>>[number];

function present(rows: Row[], settings: InternshipSettings): InternshipView[] {
  const ceiling = new Map(settings.ceilings.map((c) => [c.year, c.hourlyCeilingCents]));
  const hoursOf = (r: Row) => plannedHours(r.starts_on, r.ends_on, Number(r.weekly_hours));
  return rows.map((r) => {
    const year = schoolYearOf(r.starts_on);
    // Two months "consecutive or not" in the same school year: the person's internships here that year add up.
    const schoolYearHours = rows.filter((o) => o.person_id === r.person_id && schoolYearOf(o.starts_on) === year).reduce((n, o) => n + hoursOf(o), 0);
    const yearCeiling = ceiling.get(Number(r.starts_on.slice(0, 4)));
    return {
      id: r.id, person: { id: r.person_id, displayName: r.person_name }, tutor: { id: r.tutor_id, displayName: r.tutor_name },
      school: r.school, startsOn: r.starts_on, endsOn: r.ends_on, weeklyHours: Number(r.weekly_hours), status: r.status as 'planned' | 'started',
      convention: r.original_name && r.sha256 && r.uploaded_at ? { originalName: r.original_name, sha256: r.sha256, uploadedAt: r.uploaded_at.toISOString() } : null,
      plannedHours: hoursOf(r), schoolYearHours: Math.round(schoolYearHours * 10) / 10,
      gratificationDue: schoolYearHours > GRATIFICATION_THRESHOLD_HOURS,
      minimumHourlyCents: yearCeiling === undefined ? null : minimumGratificationCents(yearCeiling),
    };
  });
}

async function internshipsIn(trx: Executor) {
  const settings = await q.readSettings(trx);
  return { internships: present(await q.listInternships(trx), settings), settings, organisationCap: organisationInternCap(settings.staffHeadcount) };
}

export async function internshipsPage(ctx: AppContext, actor: Actor): Promise<InternshipsPage> {
  const view = await inOrganisation(ctx.db, actor.organisationId, internshipsIn);
  // The people an intern or a tutor can be: asked of the house's service (its own read).
  return { ...view, people: (await housePeople(ctx, actor)).people };
}

export async function recordInternship(ctx: AppContext, actor: Actor, input: InternshipInput, ip: string) {
  if (input.endsOn < input.startsOn) throw new AppError('internship.ends_before_start');
  if (input.personId === input.tutorId) throw new AppError('internship.tutor_is_intern');
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const [intern, tutor] = [await activeMember(trx, input.personId), await activeMember(trx, input.tutorId)];
    if (!intern || !tutor) throw new AppError('internship.unknown_person');
    await q.lockInternships(trx, actor.organisationId);
    // Six months at most per host and school year, this internship and the person's others here added up.
    const year = schoolYearOf(input.startsOn);
    const hours = (await q.internshipsOf(trx, input.personId)).filter((o) => schoolYearOf(o.starts_on) === year)
      .reduce((n, o) => n + plannedHours(o.starts_on, o.ends_on, Number(o.weekly_hours)), plannedHours(input.startsOn, input.endsOn, input.weeklyHours));
    if (hours > MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR) {
      throw new AppError('internship.too_long', {
        intern: intern.display_name, hours: Math.round(hours), max: MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR, schoolYear: `${year}-${year + 1}`,
      });
    }
    // Quotas count conventions running in the same calendar week.
    const running = (await q.internshipsOverlapping(trx, mondayOf(input.startsOn), input.endsOn)).map((r) => ({ ...r, startsOn: r.starts_on, endsOn: r.ends_on }));
    const forTutor = busiestWeek(input.startsOn, input.endsOn, running.filter((r) => r.tutor_id === input.tutorId));
    if (forTutor > MAX_INTERNS_PER_TUTOR) throw new AppError('internship.tutor_full', { tutor: tutor.display_name, count: forTutor - 1 });
    const cap = organisationInternCap((await q.readSettings(trx)).staffHeadcount);
    const forOrganisation = busiestWeek(input.startsOn, input.endsOn, running);
    if (forOrganisation > cap) throw new AppError('internship.organisation_full', { count: forOrganisation, cap });
    const { id } = await q.insertInternship(trx, {
      organisation_id: actor.organisationId, person_id: input.personId, tutor_id: input.tutorId, school: input.school,
      starts_on: input.startsOn, ends_on: input.endsOn, weekly_hours: input.weeklyHours, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'internship.recorded', entityType: 'internship', entityId: id,
      after: { personId: input.personId, tutorId: input.tutorId, startsOn: input.startsOn, endsOn: input.endsOn, weeklyHours: input.weeklyHours }, context: { ip },
    });
  });
  return internshipsPage(ctx, actor);
}

/** The signed tripartite convention, a PDF by its bytes (the recruitment intake's check), encrypted at rest. */
export async function attachConvention(ctx: AppContext, actor: Actor, id: string, file: { name: string; contentBase64: string }, ip: string) {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length > MAX_CV_BYTES) throw new AppError('internship.convention_too_large', { name: file.name });
  if ((await detectCvType(bytes).catch(() => null)) !== 'pdf') throw new AppError('internship.convention_type', { name: file.name });
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await q.findInternship(trx, id))) throw new AppError('internship.not_found');
    const fileId = randomUUID();
    const { cipher, iv } = fileEncryptor(ctx.serverKey, fileId);
    const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await q.upsertConvention(trx, {
      internship_id: id, organisation_id: actor.organisationId, file_id: fileId, original_name: file.name, size_bytes: bytes.length, sha256,
      iv, tag: cipher.getAuthTag(), ciphertext, uploaded_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'internship.convention_signed', entityType: 'internship', entityId: id, context: { ip, sha256 },
    });
  });
  return internshipsPage(ctx, actor);
}

export async function startInternship(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await q.findInternship(trx, id);
    if (!row) throw new AppError('internship.not_found');
    if (row.status === 'started') throw new AppError('internship.already_started');
    if (!row.file_id) throw new AppError('internship.convention_missing');
    const view = (await internshipsIn(trx)).internships.find((i) => i.id === id)!;
    if (view.gratificationDue && view.minimumHourlyCents === null) throw new AppError('internship.ceiling_missing', { year: row.starts_on.slice(0, 4) });
    await q.markStarted(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'internship.started', entityType: 'internship', entityId: id,
      after: { gratificationDue: view.gratificationDue, minimumHourlyCents: view.minimumHourlyCents }, context: { ip },
    });
  });
  return internshipsPage(ctx, actor);
}

/** The interns' part of the staff register, in order of arrival, kept five years after each internship ends. */
export async function staffRegister(ctx: AppContext, actor: Actor): Promise<StaffRegister> {
  const today = parisDate(new Date());
  const since = `${Number(today.slice(0, 4)) - STAFF_REGISTER_YEARS}${today.slice(4)}`;
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const organisation = await q.organisationName(trx);
    const rows = await q.registerRows(trx, since);
    return {
      organisation, printedOn: today,
      interns: rows.map((r, i) => ({
        order: i + 1, name: r.person_name, school: r.school, tutor: r.tutor_name, startsOn: r.starts_on, endsOn: r.ends_on, place: organisation,
        status: r.status as 'planned' | 'started',
      })),
    };
  });
}

export async function changeInternshipSettings(ctx: AppContext, actor: Actor, settings: InternshipSettings, ip: string) {
  const ceilings = [...new Map(settings.ceilings.map((c) => [c.year, c])).values()];
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await q.readSettings(trx);
    await q.writeSettings(trx, actor.organisationId, settings.staffHeadcount, ceilings);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'internship.settings_changed', entityType: 'organisation', entityId: actor.organisationId,
      before, after: { staffHeadcount: settings.staffHeadcount, ceilings }, context: { ip },
    });
  });
  return internshipsPage(ctx, actor);
}

/** A person's internships' first and last days (YYYY-MM-DD), for their arrival and departure checklists. */
export async function internshipDatesOf(trx: Executor, personId: string): Promise<Array<{ startsOn: string; endsOn: string }>> {
  return (await q.internshipsOf(trx, personId)).map((i) => ({ startsOn: String(i.starts_on).slice(0, 10), endsOn: String(i.ends_on).slice(0, 10) }));
}
