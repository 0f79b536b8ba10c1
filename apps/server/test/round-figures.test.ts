import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';

/** Outreach rounds have their own figures in the statistics (issue 16 item 4): rounds, people met and needs, with "au moins". */
let t: TestVigie;
let observer: TestClient;
let coordinator: TestClient;
let comms: TestClient;
let areaId: string;
let areaCode: string;
let siteId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  comms = await t.userWithRole(orgId, 'comms');
  ({ areaId, areaCode, siteId } = await seedEviction(t, orgId, observer.user.id));
}, 120_000);
afterAll(async () => { await t?.close(); });

const round = (over: Record<string, unknown>) => ({
  id: randomUUID(), areaCode, startedAt: '2026-11-10T18:00:00+01:00', endedAt: null, team: [], siteIds: [siteId],
  peopleMet: null, needs: {}, distributed: [], notes: null, ...over,
});

async function summary(q: Record<string, string>) {
  const res = await coordinator.get(`/api/statistics/summary?${new URLSearchParams({ from: '2026-11-01', to: '2026-11-30', ...q })}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe(`outreach rounds in the statistics (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('count rounds, people met and needs for the period and area, minimums said as minimums', async () => {
    const empty = (await summary({ areaCode })).rounds;
    expect(empty.rounds).toEqual({ value: 0, atLeast: false });
    expect(empty.roundPeopleMet).toMatchObject({ value: 0, unobserved: true });

    const a = round({ peopleMet: { n: 40, atLeast: true }, needs: { food: { n: 30, atLeast: true }, medical: { n: 3, atLeast: false } } });
    const b = round({ startedAt: '2026-11-20T19:00:00+01:00', peopleMet: { n: 12, atLeast: false }, needs: { food: { n: 5, atLeast: false }, water: { n: 8, atLeast: false } } });
    // Late on 30 November in Paris is still November; the next day is not.
    const lateNight = round({ startedAt: '2026-11-30T23:30:00+01:00', peopleMet: { n: 2, atLeast: false }, needs: { food: { n: 0, atLeast: false } } });
    const december = round({ startedAt: '2026-12-01T00:30:00+01:00', peopleMet: { n: 99, atLeast: false } });
    for (const r of [a, b, lateNight, december]) expect((await observer.post('/api/rounds', r)).statusCode).toBe(201);

    const f = (await summary({ areaCode })).rounds;
    expect(f.rounds).toEqual({ value: 3, atLeast: false });
    expect(f.roundPeopleMet).toEqual({ value: 54, atLeast: true });
    expect(f.roundNeedFood).toEqual({ value: 35, atLeast: true });
    // Asked on one round only: what the others did not ask makes it a minimum.
    expect(f.roundNeedMedical).toEqual({ value: 3, atLeast: true });
    expect(f.roundNeedWater).toEqual({ value: 8, atLeast: true });
    // Never asked: not observed, never "0".
    expect(f.roundNeedClothes).toMatchObject({ value: 0, unobserved: true });

    // The site visited narrows to the rounds that went there; another site has none.
    expect((await summary({ areaCode, siteId })).rounds.rounds.value).toBe(3);
    const otherArea = (await coordinator.get('/api/statistics/filters')).json().areas.find((x: { code: string }) => x.code !== areaCode)?.code;
    if (otherArea) expect((await summary({ areaCode: otherArea })).rounds.rounds.value).toBe(0);
    // A round has no forces: under a forces filter its figures are not given rather than wrong.
    expect((await summary({ areaCode, forceCorps: 'crs' })).rounds).toBeNull();
  });

  it('are cited by a bulletin through figure references, worded by the one wording, and a later change is flagged before publishing', async () => {
    const set = await comms.put(`/api/bulletin-figure-sets/${areaId}`, {
      figures: [{ metric: 'evictions', part: null }, { metric: 'rounds', part: null }, { metric: 'roundPeopleMet', part: null }, { metric: 'roundNeedFood', part: null }],
    });
    expect(set.statusCode, set.body).toBe(200);
    // A round figure stands alone: no part, no forces.
    const withPart = await comms.put(`/api/bulletin-figure-sets/${areaId}`, { figures: [{ metric: 'roundPeopleMet', part: 'roundNeedFood' }] });
    expect(withPart.statusCode).toBe(422);
    expect(withPart.json().code).toBe('bulletin.part_of_wrong_whole');
    const unknown = await comms.put(`/api/bulletin-figure-sets/${areaId}`, { figures: [{ metric: 'roundTents', part: null }] });
    expect(unknown.json()).toMatchObject({ code: 'bulletin.unknown_metric' });
    expect(unknown.json().message).toContain('roundPeopleMet');

    const created = await comms.post('/api/bulletins', { areaId, month: '2026-11' });
    expect([200, 201], created.body).toContain(created.statusCode);
    const draft = created.json().bulletin;
    const lines = draft.content.figures.filter((l: { metric: string }) => l.metric.startsWith('round'));
    expect(lines).toEqual([
      { metric: 'rounds', figure: { value: 3, atLeast: false }, part: null, reference: { metric: 'rounds', from: '2026-11-01', to: '2026-11-30', areaCode, filters: {} } },
      { metric: 'roundPeopleMet', figure: { value: 54, atLeast: true }, part: null, reference: { metric: 'roundPeopleMet', from: '2026-11-01', to: '2026-11-30', areaCode, filters: {} } },
      { metric: 'roundNeedFood', figure: { value: 35, atLeast: true }, part: null, reference: { metric: 'roundNeedFood', from: '2026-11-01', to: '2026-11-30', areaCode, filters: {} } },
    ]);
    // The same words as everywhere ("au moins"), in both languages.
    const text = async (locale: string) => (await t.vigie.app.inject({ method: 'GET', url: `/api/bulletins/${draft.id}/export?format=md&locale=${locale}`, headers: { cookie: comms.cookie } })).body;
    const fr = await text('fr');
    for (const line of ['3 maraudes', 'Au moins 54 personnes rencontrées en maraude', 'Au moins 35 personnes ayant besoin de nourriture']) expect(fr).toContain(line);
    expect(await text('en')).toContain('At least 54 people met on outreach rounds');

    // A round recorded late for November: the checklist names the cited round figures that changed.
    const saved = await comms.patch(`/api/bulletins/${draft.id}`, { version: draft.version, headline: { fr: '', en: '' }, context: { fr: [], en: [] }, photos: [] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await observer.post('/api/rounds', round({ startedAt: '2026-11-25T18:00:00+01:00', peopleMet: { n: 6, atLeast: false } }))).statusCode).toBe(201);
    const changed = (await comms.get(`/api/bulletins/${draft.id}/checklist`)).json().items.filter((i: { kind: string }) => i.kind === 'figureChanged');
    expect(changed).toEqual([
      { kind: 'figureChanged', metric: 'rounds', from: '2026-11-01', to: '2026-11-30', areaCode, filters: {}, was: { value: 3, atLeast: false }, now: { value: 4, atLeast: false } },
      { kind: 'figureChanged', metric: 'roundPeopleMet', from: '2026-11-01', to: '2026-11-30', areaCode, filters: {}, was: { value: 54, atLeast: true }, now: { value: 60, atLeast: true } },
    ]);
  });

  it('are cited by a press release through the same references and wording; a force filter is refused, a later change stops approval', async () => {
    const created = await comms.post('/api/press-releases', { title: 'Maraudes de novembre', body: 'Les maraudes.' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().release.id;
    const cite = (metric: string, over: Record<string, string> = {}) => comms.post(`/api/press-releases/${id}/figures`, { metric, from: '2026-11-01', to: '2026-11-30', areaCode, ...over });
    for (const metric of ['rounds', 'roundPeopleMet', 'roundNeedFood', 'roundNeedClothes']) {
      const res = await cite(metric);
      expect(res.statusCode, res.body).toBe(200);
    }
    const cited = (await comms.get(`/api/press-releases/${id}`)).json().release.figures;
    const when = `(${areaCode}, du 1 novembre 2026 au 30 novembre 2026)`;
    expect(cited.map((f: { metric: string; value: number; atLeast: boolean; wording: string }) => [f.metric, f.value, f.atLeast, f.wording])).toEqual([
      ['rounds', 4, false, `4 maraudes ${when}`],
      ['roundPeopleMet', 60, true, `au moins 60 personnes rencontrées en maraude ${when}`],
      ['roundNeedFood', 35, true, `au moins 35 personnes ayant besoin de nourriture ${when}`],
      // Never asked on any round: not observed, never "0".
      ['roundNeedClothes', 0, true, `personnes ayant besoin de vêtements\u00a0: non observé ${when}`],
    ]);
    // A round has no forces: a force filter gets the catalogue's message, not a wrong figure.
    const forced = await cite('rounds', { forceCorps: 'crs' });
    expect(forced.statusCode).toBe(400);
    expect(forced.json()).toMatchObject({ code: 'statistics.round_figure_with_forces' });
    expect((await cite('roundTents')).statusCode).toBe(400);
    // An English release words the same reference the English way.
    const english = (await comms.post('/api/press-releases', { title: 'Outreach in November', body: 'Rounds.', language: 'en' })).json().release.id;
    const en = await comms.post(`/api/press-releases/${english}/figures`, { metric: 'roundPeopleMet', from: '2026-11-01', to: '2026-11-30', areaCode });
    expect(en.json().release.figures[0].wording).toBe(`at least 60 people met on outreach rounds (${areaCode}, 1 November 2026 to 30 November 2026)`);

    // A round recorded late: the checklist names the changed round figures and approval is refused until refreshed.
    expect((await comms.post(`/api/press-releases/${id}/submit`)).statusCode).toBe(200);
    expect((await observer.post('/api/rounds', round({ startedAt: '2026-11-27T18:00:00+01:00', peopleMet: { n: 5, atLeast: false } }))).statusCode).toBe(201);
    const changed = (await coordinator.get(`/api/press-releases/${id}/checklist`)).json().items.filter((i: { kind: string }) => i.kind === 'figureChanged');
    expect(changed.map((i: { metric: string; was: unknown; now: unknown }) => [i.metric, i.was, i.now])).toEqual([
      ['rounds', { value: 4, atLeast: false }, { value: 5, atLeast: false }],
      ['roundPeopleMet', { value: 60, atLeast: true }, { value: 65, atLeast: true }],
    ]);
    const refused = await coordinator.post(`/api/press-releases/${id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'press_release.figure_changed' });
    expect(refused.json().message).toContain(`5 maraudes ${when}`);
    expect((await comms.post(`/api/press-releases/${id}/reopen`)).statusCode).toBe(200);
    for (const f of cited.slice(0, 2)) expect((await comms.post(`/api/press-releases/${id}/figures/${f.id}/refresh`)).statusCode).toBe(200);
    expect((await comms.post(`/api/press-releases/${id}/submit`)).statusCode).toBe(200);
    const approved = await coordinator.post(`/api/press-releases/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const now = new Map(approved.json().release.figures.map((f: { metric: string; wording: string }) => [f.metric, f.wording]));
    expect([now.get('rounds'), now.get('roundPeopleMet')]).toEqual([`5 maraudes ${when}`, `au moins 65 personnes rencontrées en maraude ${when}`]);
  });

  it('are cited by a newsletter figure block through the same reference and wording', async () => {
    const draft = (await comms.post('/api/newsletter/issues', { title: 'Lettre des maraudes' })).json().issue;
    const blocks = [{ kind: 'figure', metric: 'roundPeopleMet', from: '2026-11-01', to: '2026-11-30', areaCode }];
    const edited = await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Lettre des maraudes', language: 'fr', blocks });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().issue.blocks[0]).toMatchObject({
      metric: 'roundPeopleMet', value: 65, atLeast: true,
      wording: `au moins 65 personnes rencontrées en maraude (${areaCode}, du 1 novembre 2026 au 30 novembre 2026)`,
    });
    const unknown = await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Lettre des maraudes', language: 'fr', blocks: [{ ...blocks[0], metric: 'roundTents' }] });
    expect(unknown.statusCode).toBe(400);
  });
});
