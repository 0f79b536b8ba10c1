import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { renderTypstPdf } from '../src/platform/pdf/typst.js';
import { purgeDeclinedApplications } from '../src/modules/association/applications/applications.service.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * Applications end to end: real PDF (Typst), DOCX, ODT and Pages files made here, checked by
 * content, stored encrypted, their text extracted by the background job and searchable; the
 * receipt mail in the SMTP sink; duplicates merged; bad files and late applications refused with
 * nothing saved; the pipeline, notes and ratings; the retention purge audited without the data.
 */
let t: TestVigie;
let admin: TestClient;
let postingId: string;
const addDays = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));

const pdf = (text: string) => renderTypstPdf('#set page(width: 12cm, height: 6cm)\n#json(bytes(sys.inputs.data)).text', { text });
const docx = (text: string) => Buffer.from(zipSync({
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
  '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
  'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`),
}));
const odt = (text: string) => Buffer.from(zipSync({
  mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
  'META-INF/manifest.xml': strToU8('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>'),
  'content.xml': strToU8(`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`),
}));
const pages = (preview: Buffer | null) => Buffer.from(zipSync({
  'Index/Document.iwa': new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]),
  'Metadata/Properties.plist': strToU8('<plist/>'),
  ...(preview && { 'QuickLook/Preview.pdf': new Uint8Array(preview) }),
}));
const b64 = (b: Buffer) => b.toString('base64');

async function apply(body: Record<string, unknown>, c = t.client()) {
  return c.post(`/api/public/hro/jobs/${postingId}/applications`, { name: 'Sam Candidat', email: 'sam@example.org', message: 'Motivé·e', ...body });
}

/** The text of the first mail to `to` whose body passes `match`, waiting for the mail job. */
async function mailTo(to: string, match: (text: string) => boolean) {
  for (let i = 0; i < 100; i += 1) {
    const found = t.smtp.mails.filter((m) => m.to.includes(to)).map((m) => mailText(m.raw)).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no matching mail to ${to}`);
}

async function waitForExtraction() {
  for (let i = 0; i < 100; i += 1) {
    const pending = await t.db.selectFrom('job_application_files').select('id').where('extraction_status', '=', 'pending').execute();
    if (pending.length === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('extraction did not finish');
}

async function applicationsOf(q?: string) {
  const res = await admin.get(`/api/association/postings/${postingId}/applications${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().applications as Array<Record<string, any>>;
}

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  await admin.put('/api/statistics/public-settings', { enabled: false, slug: 'hro', threshold: 5 });
  const posting = await admin.post('/api/association/postings', {
    title: 'Stage juridique', engagement: 'internship', locality: 'Calais', postalCode: null, region: null, country: 'FR', workplace: 'on_site',
    schedule: 'full_time', hoursPerWeek: 35, contract: 'Convention de stage', durationMonths: 6, startDate: null, payMin: 4.35, payMax: null,
    payUnit: 'hour', benefits: [], qualifications: [], responsibilities: [], skills: [], tools: [], education: [], languages: ['Anglais'],
    description: 'Stage au pôle juridique.', closesOn: addDays(10), openings: 1,
  });
  postingId = posting.json().id;
  expect((await admin.post(`/api/association/postings/${postingId}/publish`)).statusCode).toBe(200);
});
afterAll(async () => { await t?.close(); });

describe(`job applications (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('refuses a renamed executable, a file over 5 MB and a zip bomb, saving nothing', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 1)]);
    const exe = await apply({ cv: { name: 'cv.pdf', contentBase64: b64(elf) } });
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'application.file_type' });
    expect(exe.json().message).toMatch(/cv\.pdf.*quel que soit son nom/);

    const big = Buffer.concat([pdf('gros'), Buffer.alloc(5 * 1024 * 1024, 32)]);
    const tooBig = await apply({ cv: { name: 'cv.pdf', contentBase64: b64(big) } });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('application.file_too_large');

    const bomb = Buffer.from(zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      'word/document.xml': new Uint8Array(64 * 1024 * 1024),
    }, { level: 6 }));
    expect(bomb.length).toBeLessThan(MAX_UPLOAD);
    const refused = await apply({ cv: { name: 'cv.docx', contentBase64: b64(bomb) } });
    expect(refused.statusCode, refused.body).toBe(415);
    expect(refused.json().code).toBe('application.file_unsafe');
    expect(await applicationsOf()).toEqual([]);
  }, 180_000);

  it('accepts a PDF CV and an ODT letter, sends the receipt, extracts and indexes their text', async () => {
    const res = await apply({ cv: { name: 'CV Sam.pdf', contentBase64: b64(pdf('Master droit des étrangers, contentieux administratif')) },
      letter: { name: 'lettre.odt', contentBase64: b64(odt('Je souhaite rejoindre le pôle juridique')) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ merged: false });
    const mail = await mailTo('sam@example.org', (text) => text.includes('a bien reçu votre candidature'));
    expect(mail).toContain('« Stage juridique »');
    await waitForExtraction();
    const [one] = await applicationsOf();
    expect(one!.files.map((f: Record<string, unknown>) => [f.kind, f.detectedType, f.extractionStatus])).toEqual([['cv', 'pdf', 'done'], ['letter', 'odt', 'done']]);
    // Encrypted at rest: the stored bytes are not the PDF.
    const stored = await t.db.selectFrom('job_application_files').select(['ciphertext', 'extracted_text']).where('kind', '=', 'cv').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.ciphertext).subarray(0, 4).toString()).not.toBe('%PDF');
    expect(stored.extracted_text).toContain('contentieux administratif');
    expect((await applicationsOf('contentieux')).map((a) => a.name)).toEqual(['Sam Candidat']);
    expect(await applicationsOf('boulangerie')).toEqual([]);
  });

  it('merges a duplicate application and tells the person', async () => {
    const res = await apply({ message: 'Je joins un CV à jour.', cv: { name: 'cv.docx', contentBase64: b64(docx('Expérience en permanence juridique')) } }, t.client());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ merged: true });
    const mail = await mailTo('sam@example.org', (text) => text.includes('déjà postulé'));
    expect(mail).toContain('joint à votre candidature');
    await waitForExtraction();
    const all = await applicationsOf();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ submissions: 2 });
    expect(all[0]!.message).toContain('Motivé·e');
    expect(all[0]!.files.map((f: Record<string, unknown>) => f.detectedType).sort()).toEqual(['docx', 'odt']);
    expect((await applicationsOf('permanence')).length).toBe(1);
  });

  it('reads a Pages package through its preview PDF, and notes when there is none', async () => {
    await apply({ email: 'pages@example.org', cv: { name: 'cv.pages', contentBase64: b64(pages(pdf('Bénévole maraudes Grande-Synthe'))) } });
    await apply({ email: 'nopreview@example.org', cv: { name: 'cv.pages', contentBase64: b64(pages(null)) } });
    await waitForExtraction();
    const byEmail = Object.fromEntries((await applicationsOf()).map((a) => [a.email, a.files[0]]));
    expect(byEmail['pages@example.org']).toMatchObject({ detectedType: 'pages', extractionStatus: 'done' });
    expect(byEmail['nopreview@example.org']).toMatchObject({ detectedType: 'pages', extractionStatus: 'no_text', extractionNote: 'no_preview' });
    expect((await applicationsOf('maraudes')).map((a) => a.email)).toEqual(['pages@example.org']);
  });

  it('moves an application through the pipeline with notes and ratings by several reviewers; others may not see it', async () => {
    const id = (await applicationsOf()).find((a) => a.email === 'sam@example.org')!.id;
    const board = await t.userWithRole(admin.user.organisationId, 'board');
    for (const stage of ['shortlisted', 'interview', 'offer']) expect((await admin.patch(`/api/association/applications/${id}`, { stage })).json().stage).toBe(stage);
    await admin.patch(`/api/association/applications/${id}`, { note: 'Très bon entretien.' });
    await admin.patch(`/api/association/applications/${id}`, { rating: 4 });
    const rated = (await board.patch(`/api/association/applications/${id}`, { rating: 5 })).json();
    expect(rated.ratings).toHaveLength(2);
    expect(rated.averageRating).toBe(4.5);
    expect(rated.notes.map((n: { body: string }) => n.body)).toEqual(['Très bon entretien.']);
    const observer = await t.userWithRole(admin.user.organisationId, 'observer');
    expect((await observer.get(`/api/association/postings/${postingId}/applications`)).statusCode).toBe(403);
    const bad = await admin.patch(`/api/association/applications/${id}`, { rating: 9 });
    expect(bad.statusCode).toBe(400);
  });

  it('purges declined candidates on schedule (3 months after a request, 24 after last contact), audited without the data', async () => {
    const apps = await applicationsOf();
    const asked = apps.find((a) => a.email === 'pages@example.org')!.id;
    const silent = apps.find((a) => a.email === 'nopreview@example.org')!.id;
    for (const id of [asked, silent]) await admin.patch(`/api/association/applications/${id}`, { stage: 'declined' });
    await admin.patch(`/api/association/applications/${asked}`, { erasureRequested: true });
    const inMonths = (m: number) => new Date(Date.now() + m * 31 * 86_400_000);
    expect(await purgeDeclinedApplications(t.db, inMonths(2))).toBe(0);
    expect(await purgeDeclinedApplications(t.db, inMonths(3))).toBe(1);
    expect((await applicationsOf()).map((a) => a.email).sort()).toEqual(['nopreview@example.org', 'sam@example.org']);
    expect(await purgeDeclinedApplications(t.db, inMonths(24))).toBe(1);
    expect((await applicationsOf()).map((a) => a.email)).toEqual(['sam@example.org']);
    const trail = await t.db.selectFrom('audit_pending').select(['action', 'entity_id', 'context']).where('action', '=', 'application.purged').execute()
      .catch(() => [] as Array<{ action: string; entity_id: string; context: unknown }>);
    const log = trail.length ? trail : await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'context']).where('action', '=', 'application.purged').execute();
    expect(log.map((e) => e.entity_id).sort()).toEqual([asked, silent].sort());
    expect(JSON.stringify(log)).not.toMatch(/example\.org|Sam|maraudes/);
  });

  it('refuses an application after the closing date with the date said', async () => {
    await admin.post(`/api/association/postings/${postingId}/close`);
    const late = await apply({ email: 'late@example.org', cv: { name: 'cv.pdf', contentBase64: b64(pdf('tard')) } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('application.posting_closed');
    expect(late.json().message).toMatch(/closes depuis le/);
  });
});

const MAX_UPLOAD = 16 * 1024 * 1024;
