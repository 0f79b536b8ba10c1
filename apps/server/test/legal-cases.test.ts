import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction, sha256 } from './evidence-fixtures.js';

let t: TestVigie;
let legal: TestClient;
let coordinator: TestClient;
let observer: TestClient;
let orgId: string;
let evictionId: string;
let incidentId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  legal = await t.userWithRole(orgId, 'legal');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  observer = await t.userWithRole(orgId, 'observer');
  ({ evictionId, incidentId } = await seedEviction(t, orgId, legal.user.id));
});
afterAll(async () => { await t?.close(); });

async function openCase(c: TestClient, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/legal/cases', { title: 'Référé-liberté expulsion B2', actionType: 'refere_liberte', court: 'Tribunal administratif de Lille', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case;
}

async function auditCount(action: string, entityId: string) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`.execute(t.db);
  return r.rows[0]!.n;
}

async function uploadDocument(c: TestClient, caseId: string, bytes: Buffer, query: string) {
  return t.vigie.app.inject({
    method: 'POST', url: `/api/legal/cases/${caseId}/documents?${query}`, payload: bytes,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/pdf' },
  });
}

describe(`legal cases (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('opens a case from an eviction, already linked to it, and finds it from the eviction', async () => {
    const opened = await openCase(legal, { evictionId });
    expect(opened).toMatchObject({ actionType: 'refere_liberte', status: 'preparing', outcome: null, court: 'Tribunal administratif de Lille' });
    expect(opened.links).toEqual([expect.objectContaining({ target: 'eviction', targetId: evictionId })]);
    expect(opened.timeline.map((e: any) => e.kind)).toEqual(['opened']);
    const list = await legal.get(`/api/legal/cases?evictionId=${evictionId}`);
    expect(list.json().cases.map((c: any) => c.id)).toEqual([opened.id]);
    const other = await legal.get(`/api/legal/cases?evictionId=${randomUUID()}`);
    expect(other.json().cases).toEqual([]);
  });

  it('refuses a case for an unknown eviction without saving anything', async () => {
    const before = (await legal.get('/api/legal/cases')).json().cases.length;
    const res = await legal.post('/api/legal/cases', { title: 'X', actionType: 'plainte', evictionId: randomUUID() });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('legal_case.unknown_target');
    expect((await legal.get('/api/legal/cases')).json().cases.length).toBe(before);
  });

  it('rejects an unknown action type with a validation message, in French', async () => {
    const res = await legal.post('/api/legal/cases', { title: 'X', actionType: 'duel' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.validation_failed');
  });

  it('lets only legal.manage roles see cases', async () => {
    const opened = await openCase(coordinator);
    expect((await observer.get('/api/legal/cases')).statusCode).toBe(403);
    expect((await observer.get(`/api/legal/cases/${opened.id}`)).statusCode).toBe(403);
    expect((await t.client().get(`/api/legal/cases/${opened.id}`)).statusCode).toBe(401);
    expect((await legal.get(`/api/legal/cases/${opened.id}`)).statusCode).toBe(200);
  });

  it('audits every read of a case and of the list', async () => {
    const opened = await openCase(legal);
    const before = await auditCount('legal_case.read', opened.id);
    await legal.get(`/api/legal/cases/${opened.id}`);
    await coordinator.get(`/api/legal/cases/${opened.id}`);
    expect(await auditCount('legal_case.read', opened.id)).toBe(before + 2);
    const actors = await sql<{ actor_id: string }>`SELECT actor_id FROM audit_log WHERE action = 'legal_case.read' AND entity_id = ${opened.id} ORDER BY seq DESC LIMIT 2`.execute(t.db);
    expect(actors.rows.map((r) => r.actor_id).sort()).toEqual([legal.user.id, coordinator.user.id].sort());
    const listed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal_case.listed' AND actor_id = ${legal.user.id}`.execute(t.db);
    expect(listed.rows[0]!.n).toBeGreaterThan(0);
  });

  it('keeps person parties pseudonymous: the case shows the pseudonym, never the identity', async () => {
    const opened = await openCase(legal, { actionType: 'plainte' });
    const personId = randomUUID();
    await sql`INSERT INTO persons (id, organisation_id, pseudonym, minor) VALUES (${personId}, ${orgId}, 'Victime A', true)`.execute(t.db);
    expect((await legal.put(`/api/persons/${personId}/identity`, { fullName: 'Ahmed Secretname' })).statusCode).toBe(204);
    const withPerson = await legal.post(`/api/legal/cases/${opened.id}/parties`, { kind: 'person', role: 'victim', personId });
    expect(withPerson.statusCode, withPerson.body).toBe(200);
    const again = await legal.post(`/api/legal/cases/${opened.id}/parties`, { kind: 'person', role: 'victim', personId });
    expect(again.json().code).toBe('legal_case.duplicate_party');
    await legal.post(`/api/legal/cases/${opened.id}/parties`, { kind: 'association', role: 'claimant', name: 'Human Rights Observers' });
    const lawyer = await legal.post(`/api/legal/cases/${opened.id}/parties`, { kind: 'lawyer', role: 'counsel', name: 'Me Dupont', contact: 'dupont@avocat.example' });
    const view = lawyer.json().case;
    expect(view.parties.map((p: any) => [p.kind, p.pseudonym ?? p.name])).toEqual([
      ['person', 'Victime A'], ['association', 'Human Rights Observers'], ['lawyer', 'Me Dupont'],
    ]);
    expect(JSON.stringify(view)).not.toContain('Secretname');
    const unknown = await legal.post(`/api/legal/cases/${opened.id}/parties`, { kind: 'person', role: 'victim', personId: randomUUID() });
    expect(unknown.json().code).toBe('legal_case.unknown_target');
    // The person party carries no name column at all, even through a direct insert.
    await expect(sql`INSERT INTO legal_case_parties (organisation_id, case_id, kind, role, person_id, name) VALUES (${orgId}, ${opened.id}, 'person', 'witness', ${personId}, 'Ahmed')`.execute(t.db)).rejects.toThrow();
  });

  it('links incidents and evidence, refuses unknown or duplicate links, and unlinks', async () => {
    const opened = await openCase(legal);
    const linked = await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'incident', id: incidentId, note: 'tente lacérée' });
    expect(linked.statusCode, linked.body).toBe(200);
    const link = linked.json().case.links[0];
    expect(link).toMatchObject({ target: 'incident', targetId: incidentId, note: 'tente lacérée' });
    expect((await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'incident', id: incidentId })).json().code).toBe('legal_case.already_linked');
    expect((await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'evidence', id: randomUUID() })).json().code).toBe('legal_case.unknown_target');
    const removed = await legal.delete(`/api/legal/cases/${opened.id}/links/${link.id}`);
    expect(removed.json().case.links).toEqual([]);
    expect((await legal.delete(`/api/legal/cases/${opened.id}/links/${link.id}`)).statusCode).toBe(404);
  });

  it('records the status timeline and the outcome with the dates they happened', async () => {
    const opened = await openCase(legal);
    await legal.post(`/api/legal/cases/${opened.id}/events`, { status: 'filed', occurredOn: '2026-02-14', note: 'Requête déposée sur Télérecours' });
    await legal.post(`/api/legal/cases/${opened.id}/events`, { status: 'hearing', occurredOn: '2026-02-16' });
    const decided = await legal.post(`/api/legal/cases/${opened.id}/events`, { status: 'decided', outcome: 'rejected', outcomeNote: 'Défaut d\'urgence', occurredOn: '2026-02-17' });
    const view = decided.json().case;
    expect(view.status).toBe('decided');
    expect(view.outcome).toBe('rejected');
    expect(view.outcomeNote).toBe('Défaut d\'urgence');
    // In the order things happened (the dates entered), whenever they were recorded.
    expect(view.timeline.filter((e: any) => e.kind !== 'opened').map((e: any) => [e.kind, e.status ?? e.outcome, e.occurredOn])).toEqual([
      ['status', 'filed', '2026-02-14'], ['status', 'hearing', '2026-02-16'],
      ['status', 'decided', '2026-02-17'], ['outcome', 'rejected', '2026-02-17'],
    ]);
    const empty = await legal.post(`/api/legal/cases/${opened.id}/events`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('keeps tasks with owners and due dates, and refuses an owner from nowhere', async () => {
    const opened = await openCase(legal);
    const added = await legal.post(`/api/legal/cases/${opened.id}/tasks`, { title: 'Rassembler les attestations', ownerId: legal.user.id, dueOn: '2020-01-10' });
    const task = added.json().case.tasks[0];
    expect(task).toMatchObject({ title: 'Rassembler les attestations', ownerId: legal.user.id, dueOn: '2020-01-10', done: false, overdue: true });
    const done = await legal.patch(`/api/legal/cases/${opened.id}/tasks/${task.id}`, { done: true });
    expect(done.json().case.tasks[0]).toMatchObject({ done: true, overdue: false });
    const bad = await legal.post(`/api/legal/cases/${opened.id}/tasks`, { title: 'X', ownerId: randomUUID() });
    expect(bad.json().code).toBe('legal_case.unknown_user');
  });

  it('stores documents encrypted and versioned, and gives each version back intact', async () => {
    const opened = await openCase(legal);
    const v1 = Buffer.from('%PDF-1.4 requête version 1 — motifs');
    const v2 = Buffer.from('%PDF-1.4 requête version 2 — motifs complétés');
    const first = await uploadDocument(legal, opened.id, v1, 'name=requete.pdf&title=Requ%C3%AAte');
    expect(first.statusCode, first.body).toBe(200);
    const doc = JSON.parse(first.body).case.documents[0];
    const second = await uploadDocument(legal, opened.id, v2, `name=requete-v2.pdf&documentId=${doc.id}`);
    const versions = JSON.parse(second.body).case.documents[0].versions;
    expect(versions.map((v: any) => [v.version, v.originalName, v.sha256])).toEqual([[2, 'requete-v2.pdf', sha256(v2)], [1, 'requete.pdf', sha256(v1)]]);
    const back = await t.vigie.app.inject({ method: 'GET', url: `/api/legal/cases/${opened.id}/documents/${versions[1].id}`, headers: { cookie: legal.cookie } });
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(v1)).toBe(true);
    expect(back.headers['x-content-sha256']).toBe(sha256(v1));
    const storage = t.vigie.ctx.config.storage;
    if (storage.kind !== 'local') throw new Error('tests store files in a local folder');
    const stored = readFileSync(join(storage.dir, 'legal', orgId, opened.id, versions[1].id));
    expect(stored.includes(Buffer.from('motifs'))).toBe(false);
    expect(await auditCount('legal_case.document_read', opened.id)).toBe(1);
    const empty = await uploadDocument(legal, opened.id, Buffer.alloc(0), 'name=vide.pdf');
    expect(JSON.parse(empty.body).code).toBe('legal_document.empty');
  });

  it('gives a lawyer read-only access to one case through a link that expires and can be revoked', async () => {
    const opened = await openCase(legal, { title: 'Dossier partagé' });
    const created = await legal.post(`/api/legal/cases/${opened.id}/grants`, { lawyerName: 'Me Martin', lawyerEmail: 'martin@avocat.example', days: 7 });
    expect(created.statusCode, created.body).toBe(201);
    const { url, grant } = created.json();
    const token = url.split('/shared-case/')[1];
    const anonymous = t.client();
    const shared = await anonymous.get(`/api/legal/shared/${token}`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ lawyerName: 'Me Martin', case: { id: opened.id, title: 'Dossier partagé' } });
    expect(await auditCount('legal_case.read_by_lawyer', opened.id)).toBe(1);
    // Read-only: the link opens nothing else, and the lawyer cannot write to the case.
    expect((await anonymous.get(`/api/legal/cases/${opened.id}`)).statusCode).toBe(401);
    expect((await anonymous.post(`/api/legal/cases/${opened.id}/tasks`, { title: 'x' })).statusCode).toBe(401);
    // Expired: set the grant's expiry in the past.
    await sql`UPDATE legal_case_grants SET created_at = now() - interval '10 days', expires_at = now() - interval '1 minute' WHERE id = ${grant.id}`.execute(t.db);
    const expired = await anonymous.get(`/api/legal/shared/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('legal_grant.expired');
    // A second grant, revoked.
    const second = (await legal.post(`/api/legal/cases/${opened.id}/grants`, { lawyerName: 'Me Martin', days: 30 })).json();
    const token2 = second.url.split('/shared-case/')[1];
    expect((await anonymous.get(`/api/legal/shared/${token2}`)).statusCode).toBe(200);
    const revoked = await legal.post(`/api/legal/cases/${opened.id}/grants/${second.grant.id}/revoke`);
    expect(revoked.json().grant.active).toBe(false);
    const after = await anonymous.get(`/api/legal/shared/${token2}`);
    expect(after.statusCode).toBe(410);
    expect(after.json().code).toBe('legal_grant.revoked');
    expect((await anonymous.get(`/api/legal/shared/${'x'.repeat(43)}`)).json().code).toBe('legal_grant.not_found');
    const grants = (await legal.get(`/api/legal/cases/${opened.id}/grants`)).json().grants;
    expect(grants.map((g: any) => g.active)).toEqual([false, false]);
    expect(await auditCount('legal_case.access_revoked', opened.id)).toBe(1);
  });

  it('lists every evidence file of a case for a bundle: linked directly or through an eviction', async () => {
    const { caseEvidenceIds } = await import('../src/modules/legal/cases/cases.queries.js');
    const opened = await openCase(legal, { evictionId });
    const fileId = randomUUID();
    await sql`INSERT INTO evidence (id, organisation_id, incident_id, kind, declared_type, original_name, size_bytes, sha256_device, sha256_received,
      author_id, status, upload_offset, storage_key, encryption_iv, encryption_tag, received_at)
      VALUES (${fileId}, ${orgId}, ${incidentId}, 'photo', 'image/png', 'a.png', 3, ${'a'.repeat(64)}, ${'a'.repeat(64)}, ${legal.user.id}, 'stored', 3, 'k', 'iv', 'tag', now())`.execute(t.db);
    expect(await caseEvidenceIds(t.db, opened.id)).toEqual([fileId]);
  });
});
