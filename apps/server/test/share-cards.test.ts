import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { noisePng, seedEviction } from './evidence-fixtures.js';

let t: TestVigie;
let comms: TestClient;
let areaCode: string;
let areaId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin('admin@hro.example', 'Human Rights Observers');
  const orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  const { evictionId } = await seedEviction(t, orgId, comms.user.id);
  await sql`UPDATE evictions SET status = 'verified' WHERE id = ${evictionId}`.execute(t.db);
  const area = (await sql<{ code: string; id: string }>`SELECT a.code, a.id FROM areas a JOIN sites s ON s.area_id = a.id JOIN evictions e ON e.site_id = s.id WHERE e.id = ${evictionId}`.execute(t.db)).rows[0]!;
  areaCode = area.code;
  areaId = area.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

/** The words a person reads on the card: every <text> of the SVG, entities decoded. */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(' ');
}

const figureUrl = (over: Record<string, string>) => `/api/share-cards/figure?${new URLSearchParams({ metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode, ...over })}`;

describe('share cards', () => {
  it('draws a figure reference with "au moins" and its period, at each network size, as PNG and SVG', async () => {
    for (const [size, width, height] of [['square', 1080, 1080], ['portrait', 1080, 1350], ['landscape', 1200, 675]] as const) {
      // The client's body is text: the bytes are read from the raw payload.
      const png = await t.vigie.app.inject({ method: 'GET', url: figureUrl({ size, format: 'png' }), headers: { cookie: comms.cookie } });
      expect(png.statusCode, png.body).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.headers['content-disposition']).toContain(`-${size}-fr.png"`);
      const m = await sharp(png.rawPayload).metadata();
      expect([m.format, m.width, m.height]).toEqual(['png', width, height]);

      const svg = await comms.get(figureUrl({ size, format: 'svg' }));
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toContain(`width="${width}" height="${height}"`);
      const words = svgText(svg.body);
      expect(words).toContain('au moins 1');
      expect(words).toContain('expulsion');
      expect(words).toContain('en février 2026');
      expect(words).toContain('Human Rights Observers');
    }
    const en = svgText((await comms.get(figureUrl({ lang: 'en', format: 'svg' }))).body);
    expect(en).toContain('at least 1');
    expect(en).toContain('in February 2026');
  });

  it('uses the organisation colours and logo once set; refuses a logo that is not an image', async () => {
    const logo = await noisePng(64, 64);
    const bad = await comms.put('/api/share-cards/branding', { primaryColour: '#123456', accentColour: '#ABCDEF', logo: { contentType: 'image/png', base64: Buffer.from('<html>').toString('base64') } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('share_card.logo_invalid');
    const script = await comms.put('/api/share-cards/branding', { primaryColour: '#123456', accentColour: '#abcdef', logo: { contentType: 'image/svg+xml', base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64') } });
    expect(script.json().code).toBe('share_card.logo_invalid');
    expect((await comms.put('/api/share-cards/branding', { primaryColour: 'blue', accentColour: '#abcdef' })).statusCode).toBe(400);
    const ok = await comms.put('/api/share-cards/branding', { primaryColour: '#123456', accentColour: '#ABCDEF', logo: { contentType: 'image/png', base64: logo.toString('base64') } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ organisationName: 'Human Rights Observers', primaryColour: '#123456', accentColour: '#abcdef', hasLogo: true });
    const svg = (await comms.get(figureUrl({ format: 'svg' }))).body;
    expect(svg).toContain('fill="#123456"');
    expect(svg).toContain('fill="#abcdef"');
    expect(svg).toContain(`href="data:image/png;base64,${logo.toString('base64')}"`);
    const bytes = (await t.vigie.app.inject({ method: 'GET', url: figureUrl({ format: 'png', size: 'landscape' }), headers: { cookie: comms.cookie } })).rawPayload;
    // The top-left pixel is the organisation's primary colour.
    const { data } = await sharp(bytes).extract({ left: 2, top: 2, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0x12, 0x34, 0x56]);
  });

  it('draws a bulletin card from its headline figure, area and month', async () => {
    expect((await comms.put(`/api/bulletin-figure-sets/${areaId}`, { figures: [{ metric: 'evictions' }] })).statusCode).toBe(200);
    const created = await comms.post('/api/bulletins', { areaId, month: '2026-02' });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const id = created.json().bulletin?.id ?? created.json().id;
    const svg = await comms.get(`/api/share-cards/bulletins/${id}?format=svg&size=portrait`);
    expect(svg.statusCode, svg.body).toBe(200);
    const words = svgText(svg.body);
    expect(words).toMatch(/au moins 1/);
    expect(words).toContain('en février 2026');
    const missing = await comms.get('/api/share-cards/bulletins/00000000-0000-4000-8000-000000000000?format=svg');
    expect(missing.statusCode).toBe(404);
  });
});
