import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { renderTypstPdf } from '../src/platform/pdf/typst.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * Replying to candidates and reading their CV (issue 18): a template with placeholders filled
 * for one applicant and sent through the mail pipeline (the SMTP sink receives it, the
 * application notes it); an unknown placeholder refused; the CV downloaded byte for byte by a
 * recruiter, audited, and refused to anyone without the recruitment permission.
 */
let t: TestVigie;
let admin: TestClient;
let postingId: string;
let applicationId: string;
let cvId: string;
const cv = renderTypstPdf('#set page(width: 12cm, height: 6cm)\n#json(bytes(sys.inputs.data)).text', { text: 'Curriculum de Sam' });

async function mailTo(to: string, match: (text: string) => boolean) {
  for (let i = 0; i < 100; i += 1) {
    const found = t.smtp.mails.filter((m) => m.to.includes(to)).map((m) => mailText(m.raw)).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no matching mail to ${to}`);
}

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  await admin.put('/api/statistics/public-settings', { enabled: false, slug: 'hro', threshold: 5 });
  const posting = await admin.post('/api/association/postings', {
    title: 'Stage juridique', engagement: 'internship', locality: 'Calais', postalCode: null, region: null, country: 'FR', workplace: 'on_site',
    schedule: 'full_time', hoursPerWeek: 35, contract: 'Convention de stage', durationMonths: 6, startDate: null, payMin: 4.35, payMax: null,
    payUnit: 'hour', benefits: [], qualifications: [], responsibilities: [], skills: [], tools: [], education: [], languages: [],
    description: 'Stage au pôle juridique.', closesOn: parisDate(new Date(Date.now() + 10 * 86_400_000)), openings: 1,
  });
  postingId = posting.json().id;
  expect((await admin.post(`/api/association/postings/${postingId}/publish`)).statusCode).toBe(200);
  const applied = await t.client().post(`/api/public/hro/jobs/${postingId}/applications`, {
    name: 'Sam Candidat', email: 'sam@example.org', message: 'Motivé·e', cv: { name: 'cv sam.pdf', contentBase64: cv.toString('base64') },
  });
  expect(applied.statusCode, applied.body).toBe(200);
  const list = (await admin.get(`/api/association/postings/${postingId}/applications`)).json().applications;
  applicationId = list[0].id;
  cvId = list[0].files[0].id;
});
afterAll(async () => { await t?.close(); });

describe('replies to candidates', () => {
  it('keeps templates with known placeholders only', async () => {
    const typo = await admin.post('/api/association/reply-templates', { name: 'Refus', subject: 'Votre candidature', body: 'Bonjour {{prenom}},' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ code: 'reply.unknown_placeholder', message: expect.stringContaining('{{prenom}}') });
    const ok = await admin.post('/api/association/reply-templates', {
      name: 'Entretien', subject: 'Entretien pour « {{offre}} »', body: 'Bonjour {{nom}},\n\n{{association}} souhaite vous rencontrer pour « {{offre}} ».',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.post('/api/association/reply-templates', { name: 'entretien', subject: 's', body: 'b' })).json().code).toBe('reply.template_name_taken');
    expect((await admin.get('/api/association/reply-templates')).json().templates.map((x: { name: string }) => x.name)).toEqual(['Entretien']);
  });

  it('sends a filled reply through the mail pipeline and notes it on the application', async () => {
    const tpl = (await admin.get('/api/association/reply-templates')).json().templates[0];
    const res = await admin.post(`/api/association/applications/${applicationId}/reply`, { templateId: tpl.id, subject: tpl.subject, body: tpl.body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subject).toBe('Entretien pour « Stage juridique »');
    const mail = await mailTo('sam@example.org', (text) => text.includes('souhaite vous rencontrer'));
    expect(mail).toContain('Bonjour Sam Candidat,');
    expect(mail).toContain('Human Rights Observers souhaite vous rencontrer pour « Stage juridique ».');
    const app = (await admin.get(`/api/association/postings/${postingId}/applications`)).json().applications[0];
    expect(app.notes.map((n: { body: string }) => n.body)).toContain(
      'Réponse envoyée : « Entretien pour « Stage juridique » »\n\nBonjour Sam Candidat,\n\nHuman Rights Observers souhaite vous rencontrer pour « Stage juridique ».');
    const entry = await t.db.selectFrom('audit_log').select('context').where('action', '=', 'application.replied').executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.context)).not.toContain('rencontrer');
  });
});

describe('changing and deleting reply templates', () => {
  it('edits a template, deletes it, and replies already sent keep their text', async () => {
    const tpl = (await admin.get('/api/association/reply-templates')).json().templates[0];
    const edited = await admin.put(`/api/association/reply-templates/${tpl.id}`, { name: 'Entretien (visio)', subject: tpl.subject, body: 'Bonjour {{nom}}, entretien en visio.' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Entretien (visio)', body: 'Bonjour {{nom}}, entretien en visio.' });
    const bad = await admin.put(`/api/association/reply-templates/${tpl.id}`, { name: 'Entretien', subject: tpl.subject, body: 'Bonjour {{prénom}}' });
    expect(bad.json().code).toBe('reply.unknown_placeholder');

    const gone = await admin.delete(`/api/association/reply-templates/${tpl.id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().templates).toEqual([]);
    expect((await admin.delete(`/api/association/reply-templates/${tpl.id}`)).json().code).toBe('reply.template_not_found');
    // The reply sent from it earlier is still on the application, word for word.
    const app = (await admin.get(`/api/association/postings/${postingId}/applications`)).json().applications[0];
    expect(app.notes.map((n: { body: string }) => n.body).join('\n')).toContain('souhaite vous rencontrer pour « Stage juridique »');
    const entry = await t.db.selectFrom('audit_pending').select('before').where('action', '=', 'reply_template.deleted').executeTakeFirst()
      ?? await t.db.selectFrom('audit_log').select('before').where('action', '=', 'reply_template.deleted').executeTakeFirstOrThrow();
    expect(entry.before).toEqual({ name: 'Entretien (visio)' });
    const observer = await t.userWithRole(admin.user.organisationId, 'observer');
    expect((await observer.delete(`/api/association/reply-templates/${tpl.id}`)).statusCode).toBe(403);
  });
});

describe('CV download', () => {
  it('gives a recruiter the file as sent, audited; nobody else', async () => {
    const res = await t.vigie.app.inject({ method: 'GET', url: `/api/association/application-files/${cvId}`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cv-sam.pdf"');
    expect(Buffer.compare(res.rawPayload, cv)).toBe(0);
    const entry = await t.db.selectFrom('audit_log').select(['entity_id', 'context']).where('action', '=', 'application.file_downloaded').executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe(applicationId);
    expect(entry.context).toMatchObject({ kind: 'cv', type: 'pdf' });
    const observer = await t.userWithRole(admin.user.organisationId, 'observer');
    expect((await observer.get(`/api/association/application-files/${cvId}`)).statusCode).toBe(403);
    expect((await admin.get('/api/association/application-files/00000000-0000-4000-8000-000000000000')).json().code).toBe('application.file_not_found');
  });
});
