import {
  EVENT_KINDS,
  eventSpanValid, parisDate, postProblems, type CalendarItemView, type CalendarQuery, type CampaignInput, type CampaignSummaryView, type CampaignView,
  type EventInput, type EventView, type PostInput, type PostView, type RegistrationInput,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { echoesOf } from '../monitoring/clippings.service.js';
import { isPublicationPhoto } from '../newsletters/newsletters.service.js';
import { releaseSummaries } from '../press-releases/press-releases.service.js';
import { reportingDateItems } from '../grants/grant-calendar.js';
import {
  accountOf, campaignNames, deleteRegistration, eventsBetween, eventsOf, findCampaign, findEvent, findPost, insertCampaign, insertEvent, insertPost,
  insertRegistration, linkRelease, listCampaigns, postsBetween, postsOf, registrationsOf, releaseLinks, setPostStatus, unlinkRelease, updateCampaign,
  setEventCancelled, updateEvent, updatePost, type PostRow, countEventsHeld, findPostImage,
} from './campaigns.queries.js';
import { tellRegistrantsOfCancellation } from './event-cancellation.js';
import { eventItem, eventView, postItem, postView, targetsOf } from './campaigns.presenter.js';

/**
 * Campaigns and the editorial calendar (issue 14, d.2). A post is checked as its network counts
 * it (postLength), an image needs its alt text and a publication copy, approval is by someone
 * other than the author and an edit takes it back to draft; Vigie never posts: a person marks it
 * published with its address. Each change is one transaction with its audit entry, so a refusal
 * leaves nothing half-saved.
 */

const NETWORKS: Record<PostInput['channel'], string> = {
  x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', instagram: 'Instagram', facebook: 'Facebook', linkedin: 'LinkedIn',
};

async function audited<T>(ctx: AppContext, actor: Actor, ip: string, action: string, entity: { type: string; id?: string },
  work: (trx: Trx) => Promise<{ id: string; result: T; after?: Record<string, unknown> }>): Promise<T> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { id, result, after } = await work(trx);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action, entityType: entity.type, entityId: entity.id ?? id, after: after ?? null, context: { ip },
    });
    return result;
  });
}

// ---- Campaigns ----

function checkCampaign(input: CampaignInput) {
  if (input.endsOn < input.startsOn) throw new AppError('campaign.period_reversed', { startsOn: input.startsOn, endsOn: input.endsOn });
}
const campaignFields = (input: CampaignInput) => ({ ...input, targets: [...new Set(input.targets)] });

async function loadCampaign(trx: Trx, id: string): Promise<CampaignView> {
  const c = await findCampaign(trx, id);
  if (!c) throw new AppError('campaign.not_found');
  const events = await eventsOf(trx, id);
  const registrations = await registrationsOf(trx, events.map((e) => e.id));
  const releases = await releaseSummaries(trx, (await releaseLinks(trx, id)).map((l) => l.press_release_id));
  return {
    id: c.id, name: c.name, objectives: c.objectives, keyMessages: c.key_messages, targets: targetsOf(c.targets), startsOn: c.starts_on, endsOn: c.ends_on,
    createdByName: c.created_by_name, updatedAt: c.updated_at.toISOString(),
    pressReleases: releases.map((r) => ({ id: r.id, title: r.title, status: r.status, embargoUntil: r.embargoUntil, sentAt: r.sentAt })),
    posts: await withEchoes(trx, await postsOf(trx, id)),
    events: events.map((e) => eventView(e, registrations)),
  };
}

export async function campaignList(ctx: AppContext, actor: Actor): Promise<CampaignSummaryView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listCampaigns(trx)).map((c) => ({
    id: c.id, name: c.name, startsOn: c.starts_on, endsOn: c.ends_on, targets: targetsOf(c.targets), posts: c.posts, events: c.events, pressReleases: c.press_releases,
  })));
}

export async function readCampaign(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => loadCampaign(trx, id));
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: CampaignInput, ip: string) {
  checkCampaign(input);
  return audited(ctx, actor, ip, 'campaign.created', { type: 'campaign' }, async (trx) => {
    const { id } = await insertCampaign(trx, actor.organisationId, actor.userId, campaignFields(input));
    return { id, result: await loadCampaign(trx, id) };
  });
}

export async function editCampaign(ctx: AppContext, actor: Actor, id: string, input: CampaignInput, ip: string) {
  checkCampaign(input);
  return audited(ctx, actor, ip, 'campaign.edited', { type: 'campaign', id }, async (trx) => {
    if (!(await updateCampaign(trx, id, campaignFields(input)))) throw new AppError('campaign.not_found');
    return { id, result: await loadCampaign(trx, id) };
  });
}

export async function addPressRelease(ctx: AppContext, actor: Actor, id: string, releaseId: string, ip: string) {
  return audited(ctx, actor, ip, 'campaign.press_release_added', { type: 'campaign', id }, async (trx) => {
    if (!(await findCampaign(trx, id))) throw new AppError('campaign.not_found');
    if ((await releaseSummaries(trx, [releaseId])).length === 0) throw new AppError('press_release.not_found');
    await linkRelease(trx, actor.organisationId, id, releaseId, actor.userId);
    return { id, result: await loadCampaign(trx, id), after: { releaseId } };
  });
}

export async function removePressRelease(ctx: AppContext, actor: Actor, id: string, releaseId: string, ip: string) {
  return audited(ctx, actor, ip, 'campaign.press_release_removed', { type: 'campaign', id }, async (trx) => {
    if (!(await unlinkRelease(trx, id, releaseId))) throw new AppError('press_release.not_found');
    return { id, result: await loadCampaign(trx, id), after: { releaseId } };
  });
}

// ---- Social posts ----

async function checkPost(trx: Trx, input: PostInput) {
  const [problem] = postProblems(input);
  if (problem?.code === 'empty') throw new AppError('campaign.post_empty');
  if (problem?.code === 'too_long') {
    throw new AppError('campaign.post_too_long', { network: NETWORKS[input.channel], length: problem.length, limit: problem.limit, over: problem.over });
  }
  if (problem?.code === 'alt_required') throw new AppError('campaign.alt_required');
  if (problem?.code === 'two_images') throw new AppError('campaign.two_images');
  if (input.campaignId && !(await findCampaign(trx, input.campaignId))) throw new AppError('campaign.not_found');
  if (input.imageEvidenceId && !(await isPublicationPhoto(trx, input.imageEvidenceId))) throw new AppError('campaign.image_not_publishable');
  if (input.imageUploadId && !(await findPostImage(trx, input.imageUploadId))) throw new AppError('campaign.image_not_found');
  return {
    ...input, imageAlt: input.imageEvidenceId || input.imageUploadId ? input.imageAlt!.trim() : null,
  };
}

async function postFor(trx: Trx, id: string): Promise<PostRow> {
  const p = await findPost(trx, id, true);
  if (!p) throw new AppError('campaign.post_not_found');
  return p;
}
/** Published posts with what media monitoring found about their address (asked of its service). */
async function withEchoes(trx: Trx, rows: PostRow[]): Promise<PostView[]> {
  const echoes = await echoesOf(trx, rows.flatMap((p) => (p.published_url ? [p.published_url] : [])));
  return rows.map((p) => postView(p, p.published_url ? echoes.get(p.published_url) ?? [] : []));
}
const loadPost = async (trx: Trx, id: string) => (await withEchoes(trx, [(await findPost(trx, id))!]))[0]!;

export async function readPost(ctx: AppContext, actor: Actor, id: string): Promise<PostView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const p = await findPost(trx, id);
    if (!p) throw new AppError('campaign.post_not_found');
    return (await withEchoes(trx, [p]))[0]!;
  });
}

export async function createPost(ctx: AppContext, actor: Actor, input: PostInput, ip: string) {
  return audited(ctx, actor, ip, 'social_post.created', { type: 'social_post' }, async (trx) => {
    const { id } = await insertPost(trx, actor.organisationId, actor.userId, await checkPost(trx, input));
    return { id, result: await loadPost(trx, id), after: { channel: input.channel, campaignId: input.campaignId } };
  });
}

export async function editPost(ctx: AppContext, actor: Actor, id: string, input: PostInput, ip: string) {
  return audited(ctx, actor, ip, 'social_post.edited', { type: 'social_post', id }, async (trx) => {
    const p = await postFor(trx, id);
    if (p.status === 'published') throw new AppError('campaign.post_wrong_status', { status: p.status });
    await updatePost(trx, id, await checkPost(trx, input));
    return { id, result: await loadPost(trx, id), after: { wasApproved: p.status === 'approved' } };
  });
}

export async function approvePost(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return audited(ctx, actor, ip, 'social_post.approved', { type: 'social_post', id }, async (trx) => {
    const p = await postFor(trx, id);
    if (p.status !== 'draft') throw new AppError('campaign.post_wrong_status', { status: p.status });
    if (p.created_by === actor.userId) throw new AppError('campaign.self_approval');
    await setPostStatus(trx, id, { status: 'approved', approvedBy: actor.userId });
    return { id, result: await loadPost(trx, id) };
  });
}

export async function markPostPublished(ctx: AppContext, actor: Actor, id: string, v: { url: string; publishedAt: string | null }, ip: string) {
  return audited(ctx, actor, ip, 'social_post.published', { type: 'social_post', id }, async (trx) => {
    const p = await postFor(trx, id);
    if (p.status !== 'approved') throw new AppError('campaign.post_wrong_status', { status: p.status });
    await setPostStatus(trx, id, { status: 'published', publishedUrl: v.url, publishedAt: v.publishedAt ? new Date(v.publishedAt) : new Date() });
    return { id, result: await loadPost(trx, id), after: { url: v.url } };
  });
}

// ---- Events and registrations ----

async function checkEvent(trx: Trx, input: EventInput) {
  if (!eventSpanValid(input.startsAt, input.endsAt)) throw new AppError('campaign.event_ends_before_start');
  if (input.campaignId && !(await findCampaign(trx, input.campaignId))) throw new AppError('campaign.not_found');
  return input;
}

async function loadEvent(trx: Trx, id: string): Promise<EventView> {
  const e = await findEvent(trx, id);
  if (!e) throw new AppError('campaign.event_not_found');
  return eventView(e, await registrationsOf(trx, [id]));
}

export async function readEvent(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => loadEvent(trx, id));
}

export async function createEvent(ctx: AppContext, actor: Actor, input: EventInput, ip: string) {
  return audited(ctx, actor, ip, 'campaign_event.created', { type: 'campaign_event' }, async (trx) => {
    const { id } = await insertEvent(trx, actor.organisationId, actor.userId, await checkEvent(trx, input));
    return { id, result: await loadEvent(trx, id) };
  });
}

/** An event still open to change: found, locked, and not cancelled. */
async function openEvent(trx: Trx, id: string) {
  const e = await findEvent(trx, id, true);
  if (!e) throw new AppError('campaign.event_not_found');
  if (e.cancelled_at) throw new AppError('campaign.event_cancelled');
  return e;
}

export async function editEvent(ctx: AppContext, actor: Actor, id: string, input: EventInput, ip: string) {
  return audited(ctx, actor, ip, 'campaign_event.edited', { type: 'campaign_event', id }, async (trx) => {
    await openEvent(trx, id);
    const fields = await checkEvent(trx, input);
    // Lowering the capacity never drops people already registered: they are told of it by a person.
    const registered = (await registrationsOf(trx, [id])).length;
    if (fields.capacity !== null && fields.capacity < registered) {
      throw new AppError('campaign.capacity_below_registrations', { capacity: fields.capacity, registered });
    }
    await updateEvent(trx, id, fields);
    return { id, result: await loadEvent(trx, id) };
  });
}

/**
 * Calling an event off keeps it (and its registrations) visible, marked cancelled; it is no longer
 * held. Everyone registered is mailed in the same transaction (event-cancellation.ts).
 */
export async function cancelEvent(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return audited(ctx, actor, ip, 'campaign_event.cancelled', { type: 'campaign_event', id }, async (trx) => {
    const e = await openEvent(trx, id);
    await setEventCancelled(trx, id, actor.userId);
    const told = await tellRegistrantsOfCancellation(trx, ctx.queue, actor.organisationId, e);
    return { id, result: await loadEvent(trx, id), after: { registrantsMailed: told } };
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A team member registers with their account; someone from outside with a name and an e-mail. */
export async function register(ctx: AppContext, actor: Actor, eventId: string, input: RegistrationInput, ip: string) {
  return audited(ctx, actor, ip, 'campaign_event.registered', { type: 'campaign_event', id: eventId }, async (trx) => {
    const e = await openEvent(trx, eventId);
    const account = input.self ? await accountOf(trx, actor.userId) : null;
    const who = account ? { userId: account.id, name: account.display_name, email: account.email } : { userId: null, name: input.name, email: input.email };
    if (!who.name || !EMAIL.test(who.email)) throw new AppError('campaign.registration_incomplete');
    if (e.capacity !== null && (await registrationsOf(trx, [eventId])).length >= e.capacity) throw new AppError('campaign.event_full', { capacity: e.capacity });
    const row = await insertRegistration(trx, actor.organisationId, { eventId, ...who, by: actor.userId });
    if (!row) throw new AppError('campaign.already_registered');
    return { id: eventId, result: await loadEvent(trx, eventId), after: { registrationId: row.id, account: Boolean(account) } };
  });
}

export async function unregister(ctx: AppContext, actor: Actor, eventId: string, registrationId: string, ip: string) {
  return audited(ctx, actor, ip, 'campaign_event.unregistered', { type: 'campaign_event', id: eventId }, async (trx) => {
    if (!(await deleteRegistration(trx, eventId, registrationId))) throw new AppError('campaign.registration_not_found');
    return { id: eventId, result: await loadEvent(trx, eventId), after: { registrationId } };
  });
}

// ---- The calendar ----

const dayMs = 86_400_000;

/**
 * Everything dated between two Paris days (both included): posts (planned or published), events,
 * press releases' embargoes and sends, grants' reporting dates. Posts, releases and reporting dates
 * belong to the communication pole.
 */
export async function calendarItems(trx: Trx, q: CalendarQuery): Promise<CalendarItemView[]> {
  const from = new Date(Date.parse(`${q.from}T00:00:00Z`) - dayMs);
  const to = new Date(Date.parse(`${q.to}T00:00:00Z`) + 2 * dayMs);
  const campaigns = await campaignNames(trx);
  const items: CalendarItemView[] = (await eventsBetween(trx, from, to, q)).map((e) => eventItem(e, campaigns));
  if (!q.pole || q.pole === 'communication') {
    items.push(...(await postsBetween(trx, from, to, q.campaignId)).map((p) => postItem(p, campaigns)));
    const links = await releaseLinks(trx, q.campaignId);
    const campaignOf = new Map(links.map((l) => [l.press_release_id, l.campaign_id]));
    const releases = await releaseSummaries(trx, q.campaignId ? links.map((l) => l.press_release_id) : undefined);
    for (const r of releases) {
      const campaignId = campaignOf.get(r.id) ?? null;
      const base = { pole: 'communication' as const, campaignId, campaignName: campaignId ? campaigns.get(campaignId) ?? null : null, channel: null, endsAt: null, title: r.title, path: `/communication/press-releases/${r.id}` };
      if (r.embargoUntil) items.push({ ...base, uid: `press-embargo-${r.id}`, kind: 'press_embargo', startsAt: r.embargoUntil, status: r.status });
      if (r.sentAt) items.push({ ...base, uid: `press-sent-${r.id}`, kind: 'press_sent', startsAt: r.sentAt, status: r.status });
    }
    // Reporting dates belong to no campaign: shown unless the calendar is narrowed to one.
    if (!q.campaignId) items.push(...(await reportingDateItems(trx, q.from, q.to)));
  }
  return items
    .filter((i) => {
      const start = parisDate(i.startsAt);
      const end = i.endsAt ? parisDate(new Date(Date.parse(i.endsAt) - 1)) : start;
      return end >= q.from && start <= q.to;
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.uid.localeCompare(b.uid));
}

export async function calendar(ctx: AppContext, actor: Actor, q: CalendarQuery) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => calendarItems(trx, q));
}

// ---- Counts for funder indicators ----

const TRAININGS = ['press_training', 'social_media_training'] as const;

/** Trainings (press, social media) or all events held between two Paris days, both included, and over by `now`. */
export async function eventsHeldBetween(trx: Trx, from: string, to: string, which: 'trainings' | 'events', now = new Date()): Promise<number> {
  return countEventsHeld(trx, from, to, which === 'trainings' ? TRAININGS : EVENT_KINDS, now);
}

/** A campaign's name, for another module pointing at it (a task of the association's boards); undefined when absent. */
export async function campaignLabel(trx: Trx, id: string): Promise<string | undefined> {
  return (await findCampaign(trx, id))?.name;
}
