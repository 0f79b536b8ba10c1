import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * A validation problem with no field to point at (the whole body, a rule across several fields)
 * is said in words — which part of the request, what was expected — never as "un champ" or a path.
 */
let t: TestVigie;
let legal: TestClient;
let caseId: string;
beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  legal = await t.userWithRole(admin.user.organisationId, 'legal');
  const opened = await legal.post('/api/legal/cases', { title: 'Référé-liberté expulsion B2', actionType: 'refere_liberte' });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().case.id;
});
afterAll(async () => { await t?.close(); });

async function speaks(c: TestClient, locale: 'fr' | 'en') {
  await sql`UPDATE users SET locale = ${locale} WHERE id = ${c.user.id}`.execute(t.db);
}

describe(`validation problems without a field (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('a case event with nothing in it asks for a status, an outcome or a note, in French and in English', async () => {
    await speaks(legal, 'fr');
    const fr = await legal.post(`/api/legal/cases/${caseId}/events`, {});
    expect(fr.statusCode).toBe(400);
    expect(fr.json()).toMatchObject({
      code: 'request.validation_failed',
      message: 'Certaines informations sont invalides : indiquez au moins un nouveau statut, une issue ou une note.',
      details: { in: 'body', fields: [{ field: '', issue: 'custom', message: 'indiquez au moins un nouveau statut, une issue ou une note' }] },
    });
    await speaks(legal, 'en');
    const en = await legal.post(`/api/legal/cases/${caseId}/events`, { note: '   ' });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toBe('Some information is invalid: give at least a new status, an outcome or a note.');
    await speaks(legal, 'fr');
  });

  it('a body that is not a form names the request’s content and what was expected', async () => {
    const fr = await t.client('fr').post('/api/auth/login', ['admin@hro.example', 'secret']);
    expect(fr.statusCode).toBe(400);
    expect(fr.json().message).toBe(
      'Certaines informations sont invalides : dans le contenu de la demande, il fallait des champs nommés (un formulaire, en JSON) : rien ou autre chose a été reçu.',
    );
    expect(fr.json().details.fields).toEqual([expect.objectContaining({ field: '', issue: 'invalid_type' })]);
    const en = await t.client('en').request('POST', '/api/auth/login', 'null', { 'content-type': 'application/json' });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toBe(
      'Some information is invalid: the request’s content should have held named fields (a form, as JSON): nothing, or something else, was received.',
    );
    // Unknown fields at the top are listed by name, with the part they were found in.
    const extra = await t.client('en').post('/api/auth/login', { email: 'a@hro.example', password: 'x', remember: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toContain('in the request’s content, unknown field(s): remember');
  });

  it('an upload sent as a form instead of the file says the file itself was expected', async () => {
    await speaks(legal, 'fr');
    const res = await legal.post(`/api/legal/cases/${caseId}/documents?name=requete.pdf`, { file: 'requete.pdf' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'Certaines informations sont invalides : le contenu de la demande doit être le fichier lui-même (ses octets), pas un formulaire.',
    );
    expect((await legal.get(`/api/legal/cases/${caseId}`)).json().case.documents).toEqual([]);
  });

  it('a named field keeps its own wording', async () => {
    const res = await t.client('fr').post('/api/auth/login', { email: 'pas une adresse', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([expect.objectContaining({ field: 'email', issue: 'invalid_format', message: 'email : format invalide' })]);
  });
});
