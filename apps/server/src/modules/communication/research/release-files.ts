import { createHash, sign } from 'node:crypto';
import { zipSync } from 'fflate';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { METRICS, type ProfileDefinition } from '@vigie/domain';
import { loadExcelJS } from '../../../platform/on-first-use.js';
import type { BundleSigningKey } from '../../legal/bundles/bundle-signing-key.js';
import { MANIFEST_JSON, MANIFEST_SIG, PUBLIC_KEY_PEM, RELEASE_FORMAT, publicKeyFingerprint } from '../../legal/bundles/bundle-format.js';
import dataPackageSchema from './data-package.schema.json' with { type: 'json' };
import type { ReleaseTable } from './release-table.js';

/**
 * The files of a frozen release, written once: data and totals as CSV and XLSX, a Frictionless
 * datapackage.json (validated before anything is stored), a codebook in French and English
 * generated from the metric table, a README (coverage, "au moins", suppression), and a manifest
 * signed with the evidence-bundle key — so `npx vigie verify-bundle` checks a release too.
 */

export type ReleaseMeta = {
  releaseId: string; organisation: string; recipient: string; institution: string; from: string; to: string;
  profileName: string; profileVersion: number; profile: ProfileDefinition; createdAt: string; coverageNote: { fr: string; en: string };
};

const LEVEL_WORDS = {
  fr: { day: 'jour', isoWeek: 'semaine ISO (AAAA-Www)', month: 'mois (AAAA-MM)', site: 'lieu de vie (pseudonyme propre à cet accord)', commune: 'commune (code INSEE)', area: "zone d'observation" },
  en: { day: 'day', isoWeek: 'ISO week (YYYY-Www)', month: 'month (YYYY-MM)', site: 'living site (pseudonym specific to this agreement)', commune: 'municipality (INSEE code)', area: 'observation area' },
} as const;

/** HXL hashtags of the columns (humanitarian exchange language), one row under the header when asked. */
const HXL: Record<string, string> = {
  period: '#date', place: '#loc+code', place_label: '#loc+name', suppressed: '#meta+suppressed',
  evictions: '#event+num+eviction', personsEvicted: '#affected+num+evicted', women: '#affected+f+num', children: '#affected+children+num',
  families: '#affected+households+num', unaccompaniedMinors: '#affected+minors+unaccompanied+num', arrests: '#affected+arrested+num',
  arrestsWithViolence: '#affected+arrested+violence+num', idChecks: '#event+num+idcheck', shelterAccepted: '#affected+sheltered+num',
};

const label = (code: string, locale: 'fr' | 'en') => METRICS.find((m) => m.code === code)?.[locale] ?? code;

function csvLine(values: Array<string | number | boolean | null>): string {
  return values.map((v) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }).join(',');
}

function dataColumns(p: ProfileDefinition) {
  return ['period', 'place', 'place_label', ...p.measures.flatMap((m) => [m, `${m}_at_least`]), 'suppressed'];
}

export function dataCsv(t: ReleaseTable, p: ProfileDefinition): string {
  const cols = dataColumns(p);
  const lines = [csvLine(cols)];
  if (p.hxl) lines.push(csvLine(cols.map((c) => HXL[c] ?? (c.endsWith('_at_least') ? '#meta+atleast' : ''))));
  for (const c of t.cells) {
    lines.push(csvLine([c.period, c.place, c.placeLabel, ...p.measures.flatMap((m) => [c.values[m] ?? null, c.suppressed ? null : c.atLeast[m] ?? false]), c.suppressed]));
  }
  return lines.join('\r\n') + '\r\n';
}

export function totalsCsv(t: ReleaseTable, p: ProfileDefinition): string {
  const lines = [csvLine(['kind', 'key', ...p.measures])];
  for (const m of t.margins) lines.push(csvLine([m.kind, m.key, ...p.measures.map((x) => m.values[x] ?? null)]));
  return lines.join('\r\n') + '\r\n';
}

export async function releaseXlsx(t: ReleaseTable, p: ProfileDefinition): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = new Date(0); // no creation time in the file: the release's hash depends on its data only
  const data = wb.addWorksheet('data');
  data.addRow(dataColumns(p)).font = { bold: true };
  for (const c of t.cells) data.addRow([c.period, c.place, c.placeLabel, ...p.measures.flatMap((m) => [c.values[m] ?? null, c.suppressed ? null : c.atLeast[m] ?? false]), c.suppressed]);
  const totals = wb.addWorksheet('totals');
  totals.addRow(['kind', 'key', ...p.measures]).font = { bold: true };
  for (const m of t.margins) totals.addRow([m.kind, m.key, ...p.measures.map((x) => m.values[x] ?? null)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function dataPackage(meta: ReleaseMeta, p: ProfileDefinition) {
  const measureFields = p.measures.flatMap((m) => [
    { name: m, type: 'integer', title: label(m, 'en'), description: `${label(m, 'fr')} / ${label(m, 'en')}. Empty when suppressed.`, constraints: { minimum: 0 } },
    { name: `${m}_at_least`, type: 'boolean', description: 'true: the count is a minimum ("au moins") / the count is a minimum ("at least").' },
  ]);
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `vigie-release-${meta.releaseId}`,
    id: meta.releaseId,
    title: `${meta.organisation} — research release for ${meta.institution}`,
    description: `Evictions of informal living sites, ${meta.from} to ${meta.to}, anonymised with profile "${meta.profileName}" v${meta.profileVersion}. See README.md.`,
    version: '1.0.0',
    created: meta.createdAt,
    contributors: [{ title: meta.organisation, roles: ['publisher'] }],
    resources: [
      {
        name: 'data', path: 'data.csv', type: 'table', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
        ...(p.hxl ? { dialect: { headerRows: [1, 2] } } : {}),
        schema: {
          fields: [
            { name: 'period', type: 'string', description: LEVEL_WORDS.en[p.dateLevel] },
            { name: 'place', type: 'string', description: LEVEL_WORDS.en[p.placeLevel] },
            { name: 'place_label', type: 'string' },
            ...measureFields,
            { name: 'suppressed', type: 'boolean', description: 'true: the counts of this cell are hidden (small counts, or hidden so that a total cannot reveal them).' },
          ],
          missingValues: [''],
          primaryKey: ['period', 'place'],
        },
      },
      {
        name: 'totals', path: 'totals.csv', type: 'table', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
        schema: {
          fields: [
            { name: 'kind', type: 'string', constraints: { enum: ['place', 'period', 'all'] } },
            { name: 'key', type: 'string' },
            ...p.measures.map((m) => ({ name: m, type: 'integer', title: label(m, 'en') })),
          ],
          missingValues: [''],
        },
      },
    ],
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateDataPackage = ajv.compile(dataPackageSchema);

/** Errors of a datapackage.json against the Data Package profile (empty when valid). */
export function dataPackageErrors(descriptor: unknown): string[] {
  if (validateDataPackage(descriptor)) return [];
  return (validateDataPackage.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

export function codebook(meta: ReleaseMeta, locale: 'fr' | 'en'): string {
  const p = meta.profile;
  const w = LEVEL_WORDS[locale];
  const fr = locale === 'fr';
  const lines = [
    fr ? `# Dictionnaire des variables — ${meta.organisation}` : `# Codebook — ${meta.organisation}`, '',
    fr ? 'Généré par Vigie à partir de ses propres définitions de chiffres.' : "Generated by Vigie from its own figure definitions.", '',
    '| variable | ' + (fr ? 'définition' : 'definition') + ' |', '| --- | --- |',
    `| period | ${w[p.dateLevel]} |`,
    `| place | ${w[p.placeLevel]} |`,
    `| place_label | ${fr ? 'nom de la commune ou de la zone (vide pour un lieu de vie)' : 'name of the municipality or area (empty for a living site)'} |`,
    ...p.measures.flatMap((m) => [
      `| ${m} | ${label(m, locale)}${m === 'evictions' ? '' : fr ? ' (somme sur les expulsions de la case)' : ' (sum over the evictions of the cell)'} |`,
      `| ${m}_at_least | ${fr ? 'vrai : le nombre est un minimum (« au moins »)' : 'true: the count is a minimum ("at least")'} |`,
    ]),
    `| suppressed | ${fr ? `vrai : case masquée (moins de ${p.k}, ou masquée pour qu’un total ne la révèle pas)` : `true: cell hidden (below ${p.k}, or hidden so that a total cannot reveal it)`} |`,
    '',
  ];
  return lines.join('\n');
}

export function readme(meta: ReleaseMeta, t: ReleaseTable, locale: 'fr' | 'en'): string {
  const p = meta.profile;
  if (locale === 'fr') {
    return [
      `# Jeu de données de recherche — ${meta.organisation}`, '',
      `Destinataire : ${meta.recipient} (${meta.institution}). Période : du ${meta.from} au ${meta.to}.`,
      `Profil d’anonymisation : « ${meta.profileName} » version ${meta.profileVersion} ; dates par ${LEVEL_WORDS.fr[p.dateLevel]}, lieux par ${LEVEL_WORDS.fr[p.placeLevel]}.`, '',
      '## Couverture', meta.coverageNote.fr, '',
      '## « Au moins »', 'Les chiffres sont des minimums (« au moins ») : ils ne comptent que ce que les observateur·ices ont vu et vérifié. Une colonne `_at_least` à vrai signale une estimation basse.', '',
      '## Secret statistique',
      `Toute case dont un nombre non nul est inférieur à ${p.k} est masquée, ainsi que d’autres cases choisies pour qu’aucune ne puisse être recalculée à partir des totaux, des jeux précédents remis au même destinataire ou de la page publique. Cases masquées : ${t.suppressedCells} (dont ${t.secondaryCells} masquées en second).`,
      'Aucun texte libre, aucune identité, aucune coordonnée ne figure dans ce jeu. Les pseudonymes de lieux sont propres à cet accord.', '',
      '## Fichiers', 'data.csv, totals.csv, data.xlsx, datapackage.json (Frictionless Data Package), codebook.fr.md, codebook.en.md, manifest.json et manifest.sig (signature Ed25519, vérifiable avec `npx vigie verify-bundle`).', '',
    ].join('\n');
  }
  return [
    `# Research dataset — ${meta.organisation}`, '',
    `Recipient: ${meta.recipient} (${meta.institution}). Period: ${meta.from} to ${meta.to}.`,
    `Anonymisation profile: "${meta.profileName}" version ${meta.profileVersion}; dates by ${LEVEL_WORDS.en[p.dateLevel]}, places by ${LEVEL_WORDS.en[p.placeLevel]}.`, '',
    '## Coverage', meta.coverageNote.en, '',
    '## "At least"', 'Figures are minimums: they count only what observers saw and verified. A `_at_least` column set to true marks a low estimate.', '',
    '## Statistical disclosure control',
    `Every cell with a non-zero count below ${p.k} is hidden, together with other cells chosen so that none can be recomputed from the totals, from earlier releases to the same recipient, or from the public page. Hidden cells: ${t.suppressedCells} (${t.secondaryCells} of them secondary).`,
    'No free text, identity or coordinates are in this dataset. Site pseudonyms are specific to this agreement.', '',
    '## Files', 'data.csv, totals.csv, data.xlsx, datapackage.json (Frictionless Data Package), codebook.fr.md, codebook.en.md, manifest.json and manifest.sig (Ed25519 signature, checked by `npx vigie verify-bundle`).', '',
  ].join('\n');
}

export type ReleaseArchive = { zip: Uint8Array; files: Array<{ name: string; sha256: string; sizeBytes: number }>; manifestSha256: string };

/** Writes every file, validates the data package, signs the manifest and zips it all. */
export async function releaseArchive(meta: ReleaseMeta, t: ReleaseTable, key: BundleSigningKey): Promise<ReleaseArchive> {
  const p = meta.profile;
  const descriptor = dataPackage(meta, p);
  const errors = dataPackageErrors(descriptor);
  if (errors.length) throw new Error(`datapackage.json is not a valid Data Package: ${errors.join('; ')}`);
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  const contents: Record<string, Uint8Array> = {
    'data.csv': enc(dataCsv(t, p)),
    'totals.csv': enc(totalsCsv(t, p)),
    'data.xlsx': new Uint8Array(await releaseXlsx(t, p)),
    'datapackage.json': enc(JSON.stringify(descriptor, null, 2)),
    'codebook.fr.md': enc(codebook(meta, 'fr')),
    'codebook.en.md': enc(codebook(meta, 'en')),
    'README.md': enc(readme(meta, t, 'fr') + '\n---\n\n' + readme(meta, t, 'en')),
  };
  const files = Object.entries(contents).map(([name, bytes]) => ({ path: name, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length }));
  const manifest = {
    format: RELEASE_FORMAT, bundleId: meta.releaseId, createdAt: meta.createdAt, organisation: { name: meta.organisation },
    release: { recipient: meta.recipient, institution: meta.institution, from: meta.from, to: meta.to, profile: { name: meta.profileName, version: meta.profileVersion, ...p } },
    signingKeyFingerprint: publicKeyFingerprint(key.publicKey),
    files, documents: [],
  };
  const manifestBytes = enc(JSON.stringify(manifest, null, 2));
  const signature = sign(null, manifestBytes, key.privateKey).toString('base64');
  const zip = zipSync({ ...contents, [MANIFEST_JSON]: manifestBytes, [MANIFEST_SIG]: enc(signature), [PUBLIC_KEY_PEM]: enc(key.publicKeyPem) }, { mtime: new Date(meta.createdAt) });
  return {
    zip,
    files: files.map((f) => ({ name: f.path, sha256: f.sha256, sizeBytes: f.sizeBytes })),
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
  };
}
