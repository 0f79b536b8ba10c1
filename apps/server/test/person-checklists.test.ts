import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Onboarding and offboarding: a coordinator starts a volunteer's checklist from its template and
 * ticks it; on departure, "equipment returned" cannot be ticked while keys lent through the house's
 * loans are still out, and can once they are back.
 */
let t: TestVigie;
let coordinator: TestClient;
let observerId: string;
let admin: TestClient;

async function signature(): Promise<string> {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><path d="M10 70 C 60 10, 90 110, 140 50" stroke="#111" stroke-width="4" fill="none"/></svg>';
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  const observer = await t.userWithRole(admin.user.organisationId, 'observer');
  observerId = (await observer.get('/api/auth/me')).json().user.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

const itemOf = (view: { checklists: Array<{ kind: string; items: Array<{ id: string; item: string; done: boolean }> }> }, kind: string, item: string) =>
  view.checklists.find((c) => c.kind === kind)!.items.find((i) => i.item === item)!;

describe('onboarding and offboarding checklists', () => {
  it('start from the template, tick with who and when, and hold "equipment returned" while a loan is out', async () => {
    expect((await coordinator.get(`/api/association/people/${observerId}/checklists`)).json().checklists).toEqual([]);
    const started = await coordinator.post(`/api/association/people/${observerId}/checklists`, { kind: 'onboarding' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().checklists[0].items.map((i: { item: string }) => i.item))
      .toEqual(['account_given', 'charter_signed', 'keys_lent', 'equipment_lent', 'training_done']);
    // Starting again adds nothing.
    const again = (await coordinator.post(`/api/association/people/${observerId}/checklists`, { kind: 'onboarding' })).json();
    expect(again.checklists[0].items).toHaveLength(5);
    const ticked = (await coordinator.post(`/api/association/checklist-items/${itemOf(again, 'onboarding', 'charter_signed').id}`, { done: true })).json();
    expect(itemOf(ticked, 'onboarding', 'charter_signed')).toMatchObject({ done: true, doneAt: expect.any(String), doneBy: expect.any(String) });

    const keys = (await coordinator.post('/api/association/equipment', { kind: 'keys', label: 'Clés appartement', identifier: null, location: 'Boîte' })).json().id;
    const loan = await coordinator.post('/api/association/loans', { borrowerId: observerId, itemIds: [keys], borrowerSignature: { drawnPng: await signature() } });
    expect(loan.statusCode, loan.body).toBe(200);

    const leaving = (await coordinator.post(`/api/association/people/${observerId}/checklists`, { kind: 'offboarding' })).json();
    expect(leaving.openLoans).toHaveLength(1);
    expect(leaving.openLoans[0].items[0].label).toBe('Clés appartement');
    const refused = await coordinator.post(`/api/association/checklist-items/${itemOf(leaving, 'offboarding', 'equipment_returned').id}`, { done: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'checklist.equipment_still_out', message: expect.stringContaining('1 prêt') });

    const back = await coordinator.post(`/api/association/loans/${loan.json().id}/return`, { borrowerSignature: { drawnPng: await signature() } });
    expect(back.statusCode, back.body).toBe(200);
    const returned = await coordinator.post(`/api/association/checklist-items/${itemOf(leaving, 'offboarding', 'equipment_returned').id}`, { done: true });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().openLoans).toEqual([]);
    expect(itemOf(returned.json(), 'offboarding', 'equipment_returned').done).toBe(true);
  });

  it('a deactivated account keeps its page: offboarding goes on after the account is closed, and the list shows former people apart', async () => {
    const me = (await coordinator.get('/api/auth/me')).json().user;
    const leaver = await t.userWithRole(me.organisationId, 'observer');
    const leaverId = (await leaver.get('/api/auth/me')).json().user.id;
    const off = (await coordinator.post(`/api/association/people/${leaverId}/checklists`, { kind: 'offboarding' })).json();
    const closed = await admin.patch(`/api/users/${leaverId}`, { active: false });
    expect(closed.statusCode, closed.body).toBe(200);

    const page = await coordinator.get(`/api/association/people/${leaverId}/checklists`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().person).toMatchObject({ id: leaverId, active: false });
    const ticked = await coordinator.post(`/api/association/checklist-items/${itemOf(off, 'offboarding', 'account_revoked').id}`, { done: true });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(itemOf(ticked.json(), 'offboarding', 'account_revoked').done).toBe(true);

    const ids = async (q: string) => (await coordinator.get(`/api/association/people${q}`)).json().people.map((p: { id: string }) => p.id);
    expect(await ids('')).not.toContain(leaverId);
    expect(await ids('')).toContain(observerId);
    expect(await ids('?state=former')).toEqual([leaverId]);
    expect((await coordinator.get('/api/association/people?state=gone')).statusCode).toBe(400);
  });

  it('puts a task on the association board that leads back to the person’s checklists, once one is started', async () => {
    const task = await coordinator.post('/api/association/tasks', { pole: 'association', title: 'Former au suivi des convois', link: { kind: 'checklist', id: observerId } });
    expect(task.statusCode, task.body).toBe(200);
    const observerName = (await coordinator.get(`/api/association/people/${observerId}/checklists`)).json().person.displayName;
    expect(task.json().link).toEqual({ kind: 'checklist', id: observerId, label: observerName, path: `/association/people/${observerId}` });
    const board = (await coordinator.get('/api/association/tasks?pole=association')).json();
    expect(JSON.stringify(board)).toContain('Former au suivi des convois');
    // Nobody's checklist: no such link, and no task half-made.
    const me = (await coordinator.get('/api/auth/me')).json().user;
    const newcomer = await t.userWithRole(me.organisationId, 'observer');
    const newcomerId = (await newcomer.get('/api/auth/me')).json().user.id;
    const refused = await coordinator.post('/api/association/tasks', { pole: 'association', title: 'Rien', link: { kind: 'checklist', id: newcomerId } });
    expect(refused.json().code).toBe('task.unknown_link');
    expect(JSON.stringify((await coordinator.get('/api/association/tasks?pole=association')).json())).not.toContain('"Rien"');
  });

  it('is for those who run the association, and only about the organisation’s members', async () => {
    const admin2 = await t.userWithRole((await coordinator.get('/api/auth/me')).json().user.organisationId, 'observer');
    expect((await admin2.get(`/api/association/people/${observerId}/checklists`)).statusCode).toBe(403);
    const unknown = await coordinator.get('/api/association/people/00000000-0000-4000-8000-000000000000/checklists');
    expect(unknown.json().code).toBe('checklist.person_not_found');
  });
});
