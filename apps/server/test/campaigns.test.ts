import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps, patchChunk, publicCopyMade, seedEviction, uploadBody } from './evidence-fixtures.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * Campaigns and the editorial calendar (issue 14, d.2): a campaign with its press releases, posts
 * and events; a post over its network's limit, an image without alt text, an approval by its own
 * author and an event ending before it starts are refused in words, with nothing saved; the
 * calendar filters per pole and campaign; its iCal feed goes through the rota's secret links with
 * stable UIDs, and a rota link does not open it.
 */
let t: TestVigie;
let comms: TestClient;
let lead: TestClient;
let orgId: string;
let campaignId: string;
let photoId: string;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);
const day = (n: number) => inDays(n).toISOString().slice(0, 10);
const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  // A low pixel limit, so that a small PNG can stand for a decompression bomb.
  t = await startTestVigie({ IMAGE_MAX_PIXELS: '1000000' });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  lead = await t.userWithRole(orgId, 'coordinator');
  const { evictionId } = await seedEviction(t, orgId, comms.user.id);
  const jpeg = await jpegWithGps();
  const upload = uploadBody(jpeg, { evictionId }, { declaredType: 'image/jpeg', originalName: 'IMG_0002.jpg', credit: 'HRO' });
  expect((await lead.post('/api/evidence', upload)).statusCode).toBe(201);
  expect((await patchChunk(t, lead, upload.id, 0, jpeg)).statusCode).toBe(200);
  photoId = upload.id;
  // Its metadata-free copy is made by a job after the upload; only then can it be offered.
  await publicCopyMade(lead, photoId);
  // A photo of an eviction not yet verified is not offered for publication; once verified, it is.
  const offered = async () => (await comms.get('/api/newsletter/photos')).json().photos.map((p: { id: string }) => p.id);
  expect(await offered()).not.toContain(photoId);
  await sql`UPDATE evictions SET status = 'verified' WHERE id = ${evictionId}`.execute(t.db);
  expect(await offered()).toContain(photoId);
});
afterAll(async () => { await t?.close(); });

describe('campaigns and the editorial calendar', () => {
  let postId: string;
  let releaseId: string;

  it('creates a campaign with objectives, key messages, targets and period, and links a press release to it', async () => {
    const reversed = await comms.post('/api/campaigns', { name: 'Hiver', startsOn: day(30), endsOn: day(1) });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'campaign.period_reversed', message: expect.stringContaining('avant de commencer') });
    const res = await comms.post('/api/campaigns', {
      name: 'Trêve hivernale à la frontière', objectives: 'Faire connaître les expulsions pendant le froid',
      keyMessages: ['Au moins une expulsion tous les deux jours', 'Les tentes sont saisies'], targets: ['authorities', 'public', 'public'],
      startsOn: day(-5), endsOn: day(60),
    });
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().campaign.id;
    expect(res.json().campaign).toMatchObject({ targets: ['authorities', 'public'], keyMessages: ['Au moins une expulsion tous les deux jours', 'Les tentes sont saisies'] });
    const release = await comms.post('/api/press-releases', { title: 'Expulsions en hiver', embargoUntil: inDays(3).toISOString() });
    releaseId = release.json().release.id;
    const linked = await comms.post(`/api/campaigns/${campaignId}/press-releases/${releaseId}`);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().campaign.pressReleases).toEqual([expect.objectContaining({ id: releaseId, title: 'Expulsions en hiver', status: 'draft' })]);
    // A volunteer is not of the communication pole.
    const volunteer = await t.userWithRole(orgId, 'volunteer');
    expect((await volunteer.get(`/api/campaigns/${campaignId}`)).statusCode).toBe(403);
  });

  it('refuses a post over its network limit, an image without alt text or without publication copy — saving nothing', async () => {
    const base = { campaignId, channel: 'x', plannedAt: inDays(2).toISOString() };
    // 270 letters, a space and a long link (23 on X) = 294 > 280; the same text fits Mastodon's 500.
    const text = `${'a'.repeat(270)} https://hro.example/rapports/hiver-2026-expulsions-calais`;
    const tooLong = await comms.post('/api/campaigns/posts', { ...base, body: text });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'campaign.post_too_long', message: expect.stringContaining('X : 294 caractères') });
    const english = await t.userWithRole(orgId, 'comms');
    await sql`UPDATE users SET locale = 'en' WHERE id = ${english.user.id}`.execute(t.db);
    expect((await english.post('/api/campaigns/posts', { ...base, body: text })).json().message).toContain('too long for X: 294 characters');
    const noAlt = await comms.post('/api/campaigns/posts', { ...base, body: 'Tentes saisies ce matin', imageEvidenceId: photoId, imageAlt: '  ' });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json()).toMatchObject({ code: 'campaign.alt_required', message: expect.stringContaining('texte alternatif') });
    const unknownImage = await comms.post('/api/campaigns/posts', { ...base, body: 'x', imageEvidenceId: campaignId, imageAlt: 'Une image' });
    expect(unknownImage.json().code).toBe('campaign.image_not_publishable');
    expect(await count('social_posts')).toBe(0);

    const ok = await comms.post('/api/campaigns/posts', { ...base, channel: 'mastodon', body: text, imageEvidenceId: photoId, imageAlt: 'Des tentes sous la pluie, rue des Verrotières' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().post).toMatchObject({ status: 'draft', length: 271 + 23, limit: 500, imageAlt: 'Des tentes sous la pluie, rue des Verrotières' });
    postId = ok.json().post.id;
  });

  it('takes in an uploaded image: alt text required, type read from the bytes, pixels checked, original encrypted, copy without metadata', async () => {
    const send = (bytes: Buffer, query: string, type = 'image/jpeg') => t.vigie.app.inject({
      method: 'POST', url: `/api/campaigns/post-images?${query}`, payload: bytes, headers: { cookie: comms.cookie, 'x-csrf-token': comms.csrf, 'content-type': type },
    });
    const jpeg = await jpegWithGps();
    const noAlt = await send(jpeg, 'name=tentes.jpg&alt=%20');
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json()).toMatchObject({ code: 'campaign.alt_required', message: expect.stringContaining('texte alternatif') });
    const notImage = await send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'name=x.jpg&alt=Une%20image');
    expect(notImage.json()).toMatchObject({ code: 'image.unsupported_type', message: expect.stringContaining('JPEG, PNG ou WebP') });
    const big = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const bomb = await send(big, 'name=grand.png&alt=Grand', 'image/png');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json()).toMatchObject({ code: 'image.too_many_pixels', message: expect.stringContaining('2000 × 1000') });
    expect(await count('social_post_images')).toBe(0);

    const ok = await send(jpeg, `name=tentes.jpg&alt=${encodeURIComponent('Des tentes sous la pluie')}`, 'application/octet-stream');
    expect(ok.statusCode, ok.body).toBe(201);
    const image = ok.json().image;
    expect(image).toMatchObject({ alt: 'Des tentes sous la pluie', type: 'image/jpeg', width: 64, height: 48, originalName: 'tentes.jpg' });
    const row = (await sql<{ storage_key: string }>`SELECT storage_key FROM social_post_images WHERE id = ${image.id}`.execute(t.db)).rows[0]!;
    const storage = t.vigie.ctx.config.storage;
    if (storage.kind === 'local') expect(readFileSync(join(storage.dir, row.storage_key)).includes(Buffer.from('Fairphone'))).toBe(false);
    const copy = await comms.get(`/api/campaigns/post-images/${image.id}`);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/jpeg');
    const bytes = (await t.vigie.app.inject({ method: 'GET', url: `/api/campaigns/post-images/${image.id}`, headers: { cookie: comms.cookie } })).rawPayload;
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Fairphone'))).toBe(false);

    // Not planned: the calendar below counts its items.
    const base = { campaignId, channel: 'bluesky', body: 'Tentes saisies', plannedAt: null };
    const both = await comms.post('/api/campaigns/posts', { ...base, imageEvidenceId: photoId, imageUploadId: image.id, imageAlt: 'Tentes' });
    expect(both.json().code).toBe('campaign.two_images');
    const post = await comms.post('/api/campaigns/posts', { ...base, imageUploadId: image.id, imageAlt: image.alt });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().post).toMatchObject({ imageUploadId: image.id, imageEvidenceId: null, imageAlt: 'Des tentes sous la pluie' });
  });

  it('asks a second person to approve; an edit takes the post back to draft; it is marked published with its address', async () => {
    const self = await comms.post(`/api/campaigns/posts/${postId}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'campaign.self_approval', message: expect.stringContaining('autre personne') });
    expect((await comms.post(`/api/campaigns/posts/${postId}/published`, { url: 'https://mastodon.social/@hro/1' })).json().code).toBe('campaign.post_wrong_status');
    const approved = await lead.post(`/api/campaigns/posts/${postId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().post).toMatchObject({ status: 'approved', approvedByName: 'coordinator user' });
    const edited = await comms.put(`/api/campaigns/posts/${postId}`, { campaignId, channel: 'mastodon', body: 'Texte revu', plannedAt: inDays(2).toISOString() });
    expect(edited.json().post).toMatchObject({ status: 'draft', approvedByName: null, imageEvidenceId: null });
    await lead.post(`/api/campaigns/posts/${postId}/approve`);
    const published = await comms.post(`/api/campaigns/posts/${postId}/published`, { url: 'https://mastodon.social/@hro/1' });
    expect(published.json().post).toMatchObject({ status: 'published', publishedUrl: 'https://mastodon.social/@hro/1' });
    expect((await comms.put(`/api/campaigns/posts/${postId}`, { campaignId, channel: 'x', body: 'Encore' })).json().code).toBe('campaign.post_wrong_status');
    expect(published.json().post.echoes).toEqual([]);

    // Monitoring follows the address: the post seen by a followed feed (another spelling of the
    // same address), an article naming it; an article naming ".../@hro/10" is not about ".../@hro/1".
    const story = (await sql<{ id: string }>`INSERT INTO monitoring_stories (organisation_id, title) VALUES (${orgId}, 'Trêve') RETURNING id`.execute(t.db)).rows[0]!.id;
    const clipping = (url: string, title: string, outlet: string, text: string) => sql`INSERT INTO monitoring_clippings
      (organisation_id, canonical_url, url, title, outlet, snapshot_text, story_id) VALUES (${orgId}, ${url}, ${url}, ${title}, ${outlet}, ${text}, ${story})`.execute(t.db);
    await clipping('https://mastodon.social/@hro/1', 'HRO : Texte revu', 'Mastodon', 'Texte revu');
    await clipping('https://journal.example/article', 'Les observateurs alertent', 'Le Journal', 'Comme l’a écrit HRO (https://mastodon.social/@hro/1), la trêve…');
    await clipping('https://autre.example/b', 'Autre sujet', 'Autre', 'Voir https://www.mastodon.social/@hro/10 pour le détail');
    const followed = (await comms.get(`/api/campaigns/${campaignId}`)).json().campaign.posts.find((p: { id: string }) => p.id === postId);
    expect(followed.echoes.map((e: { outlet: string; own: boolean }) => [e.outlet, e.own]).sort()).toEqual([['Le Journal', false], ['Mastodon', true]]);
    expect((await comms.get(`/api/campaigns/posts/${postId}`)).json().post.echoes).toHaveLength(2);
  });

  it('refuses an event ending before it starts; takes registrations from the team (account) and from outside', async () => {
    const event = { campaignId, kind: 'press_training', title: 'Formation prise de parole', startsAt: inDays(10).toISOString(), capacity: 2 };
    const reversed = await comms.post('/api/campaigns/events', { ...event, endsAt: inDays(9).toISOString() });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'campaign.event_ends_before_start', message: expect.stringContaining('finit avant de commencer') });
    expect(await count('campaign_events')).toBe(0);
    const created = await comms.post('/api/campaigns/events', { ...event, endsAt: new Date(inDays(10).getTime() + 7_200_000).toISOString() });
    expect(created.statusCode, created.body).toBe(201);
    const eventId = created.json().event.id;
    const mine = await lead.post(`/api/campaigns/events/${eventId}/registrations`, { self: true });
    expect(mine.json().event.registrations).toEqual([expect.objectContaining({ name: 'coordinator user', userId: lead.user.id })]);
    expect((await comms.post(`/api/campaigns/events/${eventId}/registrations`, { name: 'Camille', email: 'pas-une-adresse' })).json().code)
      .toBe('campaign.registration_incomplete');
    expect((await comms.post(`/api/campaigns/events/${eventId}/registrations`, { name: 'Camille', email: 'camille@partenaire.example' })).statusCode).toBe(200);
    const full = await comms.post(`/api/campaigns/events/${eventId}/registrations`, { name: 'Dominique', email: 'dominique@partenaire.example' });
    expect(full.json()).toMatchObject({ code: 'campaign.event_full', message: expect.stringContaining('2 places') });
    expect(await count('campaign_event_registrations')).toBe(2);

    // Editing: the same refusals in words, nothing changed; a capacity below those registered is refused.
    const edit = { ...event, title: 'Formation presse', place: 'Calais', endsAt: new Date(inDays(10).getTime() + 3_600_000).toISOString() };
    const reversedEdit = await comms.put(`/api/campaigns/events/${eventId}`, { ...edit, endsAt: inDays(9).toISOString() });
    expect(reversedEdit.json()).toMatchObject({ code: 'campaign.event_ends_before_start' });
    const tooSmall = await comms.put(`/api/campaigns/events/${eventId}`, { ...edit, capacity: 1 });
    expect(tooSmall.json()).toMatchObject({ code: 'campaign.capacity_below_registrations', message: expect.stringContaining('(2)') });
    expect((await comms.get(`/api/campaigns/events/${eventId}`)).json().event).toMatchObject({ title: 'Formation prise de parole', place: null, capacity: 2 });
    const edited = await comms.put(`/api/campaigns/events/${eventId}`, { ...edit, capacity: 3 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().event).toMatchObject({ title: 'Formation presse', place: 'Calais', capacity: 3, cancelledAt: null });
    expect(edited.json().event.registrations).toHaveLength(2);

    // A third person, who asked not to be contacted at all (a suppression for every list).
    expect((await comms.post(`/api/campaigns/events/${eventId}/registrations`, { name: 'Sacha', email: 'sacha@partenaire.example' })).statusCode).toBe(200);
    expect((await comms.post('/api/mail/suppressions', { address: 'Sacha@partenaire.example', note: 'Ne plus rien envoyer' })).statusCode).toBe(201);
    // The team member reads English (their account); Camille is a contact who reads English too.
    await sql`UPDATE users SET locale = 'en' WHERE id = ${lead.user.id}`.execute(t.db);
    const contact = await comms.post('/api/contacts', {
      kind: 'person', displayName: 'Camille Martin', languages: ['en'], channels: [{ kind: 'email', value: 'camille@partenaire.example' }],
    });
    expect(contact.statusCode, contact.body).toBe(201);

    // Cancelling keeps the event and its registrations, mails each person registered once, then
    // refuses registrations, edits and a second cancellation.
    const sentBefore = t.smtp.mails.length;
    const cancelled = await comms.post(`/api/campaigns/events/${eventId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().event).toMatchObject({ cancelledAt: expect.any(String), registrations: [expect.anything(), expect.anything(), expect.anything()] });
    const toLead = mailText((await t.smtp.waitFor(lead.user.email)).raw);
    expect(toLead).toContain('The event “Formation presse”');
    expect(toLead).toContain('is cancelled');
    const toCamille = await t.smtp.waitFor('camille@partenaire.example');
    expect(toCamille.raw).toMatch(/Subject: Cancelled: Formation presse/);
    expect(mailText(toCamille.raw)).toContain('Hello Camille');
    const status = async (address: string) => {
      for (let i = 0; i < 50; i += 1) {
        const rows = (await sql<{ status: string }>`SELECT status FROM mail_deliveries WHERE lower(address) = ${address}`.execute(t.db)).rows;
        if (rows.length && rows.every((r) => r.status !== 'queued')) return rows.map((r) => r.status);
        await new Promise((r) => setTimeout(r, 200));
      }
      return null;
    };
    expect(await status('sacha@partenaire.example')).toEqual(['suppressed']);
    expect(await status('camille@partenaire.example')).toEqual(['sent']);
    expect(t.smtp.mails.slice(sentBefore).map((m) => m.to[0]).sort()).toEqual(['camille@partenaire.example', lead.user.email].sort());
    expect((await comms.post(`/api/campaigns/events/${eventId}/cancel`)).json().code).toBe('campaign.event_cancelled');
    const late = await comms.post(`/api/campaigns/events/${eventId}/registrations`, { name: 'Dominique', email: 'dominique@partenaire.example' });
    expect(late.json()).toMatchObject({ code: 'campaign.event_cancelled', message: expect.stringContaining('annulé') });
    expect((await comms.put(`/api/campaigns/events/${eventId}`, edit)).json().code).toBe('campaign.event_cancelled');
    expect(await count('campaign_event_registrations')).toBe(3);
    expect(await count('mail_deliveries')).toBe(3);
  });

  it('shows posts, events and the embargo in one calendar, filtered per pole and campaign', async () => {
    await comms.post('/api/campaigns/events', {
      kind: 'public_event', pole: 'legal', title: 'Audience au tribunal', startsAt: inDays(4).toISOString(), endsAt: new Date(inDays(4).getTime() + 3_600_000).toISOString(),
    });
    const all = (await comms.get(`/api/campaigns/calendar?from=${day(-1)}&to=${day(20)}`)).json().items as Array<{ kind: string; title: string; campaignName: string | null; status: string | null }>;
    expect(all.map((i) => i.kind)).toEqual(['post', 'press_embargo', 'event', 'event']);
    expect(all[1]).toMatchObject({ title: 'Expulsions en hiver', campaignName: 'Trêve hivernale à la frontière' });
    const legal = (await comms.get(`/api/campaigns/calendar?from=${day(-1)}&to=${day(20)}&pole=legal`)).json().items;
    expect(legal.map((i: { title: string }) => i.title)).toEqual(['Audience au tribunal']);
    // The cancelled training stays in the calendar, marked.
    expect(all.find((i) => i.title === 'Formation presse')).toMatchObject({ kind: 'event', status: 'cancelled' });
    const ofCampaign = (await comms.get(`/api/campaigns/calendar?from=${day(-1)}&to=${day(20)}&campaignId=${campaignId}`)).json().items;
    expect(ofCampaign.map((i: { kind: string }) => i.kind)).toEqual(['post', 'press_embargo', 'event']);
  });

  it('serves the calendar as iCal through a secret link with stable UIDs; a rota link does not open it; revoked, nothing', async () => {
    const link = await comms.post('/api/campaigns/calendar-feed');
    expect(link.statusCode, link.body).toBe(201);
    const path = new URL(link.json().url).pathname;
    const first = await t.client().get(path);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/calendar');
    const uids = (body: string) => [...body.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim()).sort();
    expect(uids(first.body)).toContain(`post-${postId}@vigie`);
    expect(uids(first.body)).toHaveLength(4);
    expect(first.body).toContain('Fin d’embargo — Expulsions en hiver');
    expect(first.body).toContain('Annulé — Formation presse');
    expect(uids((await t.client().get(path)).body)).toEqual(uids(first.body));

    const volunteer = await t.userWithRole(orgId, 'volunteer');
    const rota = await volunteer.post('/api/rota/calendar-feed');
    const rotaToken = new URL(rota.json().url).pathname.split('/').pop()!;
    expect((await t.client().get(`/api/campaigns/calendar/${rotaToken}`)).statusCode).toBe(404);
    expect((await t.client().get(new URL(rota.json().url).pathname)).statusCode).toBe(200);

    expect((await comms.delete('/api/campaigns/calendar-feed')).statusCode).toBe(204);
    expect((await t.client().get(path)).statusCode).toBe(404);
    expect((await volunteer.get('/api/rota/calendar-feed')).json().active).toBe(true);
  });
});
