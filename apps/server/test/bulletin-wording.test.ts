import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import {
  dayList, differencesBetween, factSentence, figureLine, figurePhrase, FIGURE_WORDING, METRIC_CODES, monthBounds, monthName, shiftMonth,
  unknownMetricIn, type BulletinContent,
} from '@vigie/domain';
import { escapeHtml } from '../src/modules/communication/bulletins/render/bulletin-html.js';
import { escapeMarkdown } from '../src/modules/communication/bulletins/render/bulletin-markdown.js';
import { escapeTypst, escapeTypstString } from '../src/modules/communication/bulletins/render/typst-escape.js';

/** The words of a bulletin, which the comms pole would otherwise fix by hand every month. */
const tmp = mkdtempSync(join(tmpdir(), 'vigie-wording-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('figure wording', () => {
  it('says "au moins" / "at least" only for a minimum', () => {
    expect(figurePhrase('evictions', { value: 12, atLeast: true }, 'fr')).toBe('au moins 12 expulsions');
    expect(figurePhrase('evictions', { value: 12, atLeast: false }, 'fr')).toBe('12 expulsions');
    expect(figurePhrase('evictions', { value: 12, atLeast: true }, 'en')).toBe('at least 12 evictions');
    expect(figurePhrase('evictions', { value: 12, atLeast: false }, 'en')).toBe('12 evictions');
  });

  it('agrees in number, and words nothing as "aucun·e" / "no" rather than "au moins 0"', () => {
    expect(figurePhrase('tentsSeized', { value: 1, atLeast: false }, 'fr')).toBe('1 tente saisie');
    expect(figurePhrase('tentsSeized', { value: 2, atLeast: false }, 'fr')).toBe('2 tentes saisies');
    expect(figurePhrase('tentsSeized', { value: 0, atLeast: true }, 'fr')).toBe('aucune tente saisie');
    expect(figurePhrase('personsEvicted', { value: 1, atLeast: true }, 'en')).toBe('at least 1 person evicted');
    expect(figurePhrase('personsEvicted', { value: 3, atLeast: true }, 'en')).toBe('at least 3 people evicted');
    expect(figurePhrase('mattressesSeized', { value: 1, atLeast: false }, 'en')).toBe('1 mattress seized');
    expect(figurePhrase('evictions', { value: 0, atLeast: false }, 'fr')).toBe('aucune expulsion observée');
    expect(figurePhrase('evictions', { value: 0, atLeast: false }, 'en')).toBe('no eviction observed');
    expect(figurePhrase('evictions', { value: 1234, atLeast: false }, 'en')).toBe('1,234 evictions');
    expect(figurePhrase('evictions', { value: 1234, atLeast: false }, 'fr')).toMatch(/^1\s234 expulsions$/u);
  });

  it('joins a figure and its part the way the team writes them', () => {
    const line = (metric: any, v: number, a: boolean, part: any, pv: number, pa: boolean, lang: 'fr' | 'en') =>
      figureLine({ metric, figure: { value: v, atLeast: a }, part: { metric: part, figure: { value: pv, atLeast: pa } } }, lang);
    expect(line('evictions', 101, false, 'distinctSites', 16, false, 'fr')).toBe('101 expulsions de 16 lieux de vie distincts');
    expect(line('evictions', 101, true, 'distinctSites', 16, true, 'fr')).toBe('Au moins 101 expulsions d’au moins 16 lieux de vie distincts');
    expect(line('evictions', 101, false, 'distinctSites', 1, false, 'en')).toBe('101 evictions of 1 distinct living site');
    expect(line('arrests', 12, false, 'arrestsWithViolence', 3, false, 'fr')).toBe('12 interpellations, dont 3 avec violence');
    expect(line('arrests', 12, true, 'arrestsWithViolence', 3, true, 'en')).toBe('At least 12 arrests, including at least 3 with violence');
    expect(line('tentsSeized', 40, true, 'tentsWithBelongingsSeized', 1, false, 'fr')).toBe('Au moins 40 tentes saisies, dont 1 pleine d’affaires');
    // A part that is nothing, or a part of nothing, is left out.
    expect(line('arrests', 2, false, 'arrestsWithViolence', 0, false, 'fr')).toBe('2 interpellations');
    expect(line('arrests', 0, false, 'arrestsWithViolence', 0, false, 'en')).toBe('No arrests');
  });

  it('has French and English words for every metric the statistics know', () => {
    expect(METRIC_CODES.filter((m) => !FIGURE_WORDING[m])).toEqual([]);
  });
});

describe('dates', () => {
  it('lists the days of a fact naturally, "1er" included', () => {
    expect(dayList(['2026-02-27', '2026-02-13', '2026-02-18', '2026-02-13'], 'fr')).toBe('Les 13, 18 et 27 février');
    expect(dayList(['2026-02-27', '2026-02-13', '2026-02-18'], 'en')).toBe('On 13, 18 and 27 February');
    expect(dayList(['2026-03-01'], 'fr')).toBe('Le 1er mars');
    expect(dayList(['2026-03-01', '2026-03-02'], 'fr')).toBe('Les 1er et 2 mars');
    expect(dayList(['2026-08-15'], 'en')).toBe('On 15 August');
    const fact = { kind: 'violence' as const, type: 'baton', label: { fr: 'Coups de matraque', en: 'Baton blows' }, days: ['2026-02-13', '2026-02-18'] };
    expect(factSentence(fact, 'fr')).toBe('Les 13 et 18 février, des coups de matraque ont été portés.');
    expect(factSentence(fact, 'en')).toBe('On 13 and 18 February, people were struck with batons.');
    const custom = { kind: 'violence' as const, type: 'dog', label: { fr: 'Chien lâché', en: 'Dog set loose' }, days: ['2026-02-05'] };
    expect(factSentence(custom, 'fr')).toBe('Le 5 février : Chien lâché.');
    expect(factSentence(custom, 'en')).toBe('On 5 February: Dog set loose.');
  });

  it('knows month lengths, leap years and the months before', () => {
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-02', -12)).toBe('2025-02');
    expect(monthName('2026-08', 'fr')).toBe('août 2026');
    expect(monthName('2026-08', 'en')).toBe('August 2026');
  });
});

describe('figure sets', () => {
  it('names the first unknown metric, whether a figure or a part', () => {
    expect(unknownMetricIn([{ metric: 'evictions', part: 'distinctSites' }])).toBeNull();
    expect(unknownMetricIn([{ metric: 'evictions', part: null }, { metric: 'tentsBurnt', part: null }])).toBe('tentsBurnt');
    expect(unknownMetricIn([{ metric: 'arrests', part: 'arrestsWithTasers' }])).toBe('arrestsWithTasers');
  });

  it('reports differences figure by figure, and nothing when nothing changed', () => {
    const base: BulletinContent = {
      format: 1, organisationName: 'HRO', area: { code: 'calaisis', name: 'Calaisis' }, month: '2026-02',
      evictions: { value: 4, atLeast: true },
      figures: [{ metric: 'arrests', figure: { value: 3, atLeast: false }, part: { metric: 'arrestsWithViolence', figure: { value: 1, atLeast: false } } }],
      facts: [{ kind: 'violence', type: 'baton', label: { fr: 'x', en: 'x' }, days: ['2026-02-13'] }],
      comparisons: { previousMonth: '2026-01', yearBeforeMonth: '2025-02', rows: [] },
      text: { headline: { fr: '', en: '' }, context: { fr: [], en: [] } }, photos: [],
    };
    expect(differencesBetween(base, structuredClone(base))).toEqual({ figures: [], facts: [] });
    const later = structuredClone(base);
    later.figures[0]!.part!.figure = { value: 2, atLeast: false };
    later.facts[0]!.days = ['2026-02-13', '2026-02-20'];
    expect(differencesBetween(base, later)).toEqual({
      figures: [{ metric: 'arrestsWithViolence', published: { value: 1, atLeast: false }, current: { value: 2, atLeast: false } }],
      facts: [{ kind: 'violence', type: 'baton', publishedDays: ['2026-02-13'], currentDays: ['2026-02-13', '2026-02-20'] }],
    });
  });
});

describe('escaping what people type', () => {
  const NASTY = 'Prix #1 : *gras* _pen_ $x$ @ref <label> \\ [lien] `code` ~ = titre - liste + plus // pas un commentaire 1. non "guillemets" \'apostrophe\'';

  it('escapes every Typst markup character with a backslash', () => {
    expect(escapeTypst('#set page(width: 1cm)')).toBe('\\#set page(width: 1cm)');
    expect(escapeTypst('a*b_c$d@e<f>g\\h[i]j')).toBe('a\\*b\\_c\\$d\\@e\\<f\\>g\\\\h\\[i\\]j');
    expect(escapeTypst('= Titre\n- liste\r\n+ plus')).toBe('\\= Titre \\- liste \\+ plus');
    expect(escapeTypst('// commentaire')).toBe('\\/\\/ commentaire');
    expect(escapeTypstString('il a dit "non" \\ fin')).toBe('il a dit \\"non\\" \\\\ fin');
  });

  it('prints exactly what was typed, markup characters included, and runs none of it', () => {
    const source = `#set document(title: "${escapeTypstString(NASTY)}")\n#par[${escapeTypst(NASTY)}]\n#par[${escapeTypst('#panic("boom")')}]\n`;
    const pdf = NodeCompiler.create({ workspace: '/vigie-wording-test' }).pdf({ mainFileContent: source });
    const file = join(tmp, 'escape.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(NASTY);
    expect(text).toContain('#panic("boom")');
  });

  it('escapes HTML and Markdown too', () => {
    expect(escapeHtml('<script>alert("x")</script> & \'')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;');
    expect(escapeMarkdown('# titre *gras* [lien](x) <b> | a')).toBe('\\# titre \\*gras\\* \\[lien\\](x) \\<b\\> \\| a');
    expect(escapeMarkdown('1. premier')).toBe('1\\. premier');
    expect(escapeMarkdown('- tiret\nsuite')).toBe('\\- tiret suite');
  });
});
