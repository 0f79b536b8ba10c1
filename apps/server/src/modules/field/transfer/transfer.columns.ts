import type { CountField } from '@vigie/domain';
import { normalise } from './transfer.cells.js';

/**
 * The fields an eviction spreadsheet may carry, with the header the export writes (French, as
 * the team's Excel is) and the other headers the import recognises (French and English).
 * Item and structure columns come from the organisation's lists: "Saisies : Tentes" is
 * `seized.tent`, "Destructions : Abris" is `destroyed.shelter`.
 */
export type FieldDef = { key: string; header: string; labelEn: string; synonyms: string[]; count?: CountField };

export const BASE_FIELDS: FieldDef[] = [
  { key: 'date', header: 'Date', labelEn: 'Date', synonyms: ['date', 'jour', 'day', 'date expulsion', 'date de l expulsion', 'eviction date'] },
  { key: 'arrivedTime', header: 'Heure d’arrivée', labelEn: 'Arrival time', synonyms: ['heure', 'heure arrivee', 'heure d arrivee', 'heure de debut', 'heure debut', 'debut', 'arrivee', 'time', 'start', 'start time', 'arrival time', 'arrival'] },
  { key: 'leftTime', header: 'Heure de départ', labelEn: 'Departure time', synonyms: ['heure depart', 'heure de depart', 'heure de fin', 'heure fin', 'fin', 'depart', 'end', 'end time', 'departure time', 'departure'] },
  { key: 'area', header: 'Secteur', labelEn: 'Area', synonyms: ['secteur', 'zone', 'area', 'region', 'territoire'] },
  { key: 'commune', header: 'Commune (INSEE)', labelEn: 'Commune (INSEE code or name)', synonyms: ['commune', 'ville', 'town', 'city', 'municipality', 'code insee', 'insee'] },
  { key: 'siteCode', header: 'Code du lieu', labelEn: 'Site code', synonyms: ['code lieu', 'code du lieu', 'code site', 'site code', 'ref lieu'] },
  { key: 'siteName', header: 'Lieu', labelEn: 'Site name', synonyms: ['lieu', 'nom du lieu', 'lieu de vie', 'lieux', 'site', 'site name', 'place', 'location', 'camp', 'living site'] },
  // Only used when the row creates its site: the new site is placed on the map (a decimal comma is fine).
  { key: 'latitude', header: 'Latitude', labelEn: 'Latitude', synonyms: ['latitude', 'lat', 'latitude du lieu', 'site latitude'] },
  { key: 'longitude', header: 'Longitude', labelEn: 'Longitude', synonyms: ['longitude', 'lon', 'lng', 'longitude du lieu', 'site longitude'] },
  { key: 'coverage', header: 'Couverture', labelEn: 'Coverage', synonyms: ['couverture', 'coverage', 'type d observation'] },
  { key: 'personsEvicted', count: 'personsEvicted', header: 'Personnes expulsées', labelEn: 'Persons evicted', synonyms: ['nb personnes', 'nombre de personnes', 'personnes', 'personnes expulsees', 'expulses', 'persons', 'people', 'persons evicted', 'people evicted'] },
  { key: 'women', count: 'women', header: 'Femmes', labelEn: 'Women', synonyms: ['femmes', 'nb femmes', 'women'] },
  { key: 'children', count: 'children', header: 'Enfants', labelEn: 'Children', synonyms: ['enfants', 'nb enfants', 'children', 'kids'] },
  { key: 'families', count: 'families', header: 'Familles', labelEn: 'Families', synonyms: ['familles', 'nb familles', 'families'] },
  { key: 'unaccompaniedMinors', count: 'unaccompaniedMinors', header: 'Mineurs non accompagnés', labelEn: 'Unaccompanied minors', synonyms: ['mineurs', 'mna', 'mineurs non accompagnes', 'mineurs isoles', 'unaccompanied minors', 'minors'] },
  { key: 'arrests', count: 'arrests', header: 'Interpellations', labelEn: 'Arrests', synonyms: ['interpellations', 'arrestations', 'nb interpellations', 'arrests'] },
  { key: 'arrestsWithViolence', count: 'arrestsWithViolence', header: 'Interpellations avec violence', labelEn: 'Arrests with violence', synonyms: ['interpellations violentes', 'arrestations violentes', 'arrestations avec violence', 'arrests with violence', 'violent arrests'] },
  { key: 'idChecks', count: 'idChecks', header: 'Contrôles d’identité', labelEn: 'ID checks', synonyms: ['controles', 'controles d identite', 'controles identite', 'id checks', 'identity checks'] },
  { key: 'shelterAccepted', count: 'shelterAccepted', header: 'Mises à l’abri acceptées', labelEn: 'Shelter accepted', synonyms: ['mises a l abri', 'mise a l abri', 'mises a l abri acceptees', 'shelter accepted', 'sheltered'] },
  { key: 'legalBasisText', header: 'Base légale (texte)', labelEn: 'Legal basis (verbatim)', synonyms: ['base legale', 'fondement', 'fondement juridique', 'cadre legal', 'legal basis', 'stated legal basis'] },
  { key: 'legalBasisCategory', header: 'Base légale (catégorie)', labelEn: 'Legal basis (category)', synonyms: ['categorie base legale', 'type de base legale', 'legal basis category'] },
  { key: 'notes', header: 'Notes', labelEn: 'Notes', synonyms: ['notes', 'remarques', 'commentaires', 'comments', 'observations'] },
];

export type TermRef = { kind: string; code: string; label_fr: string; label_en: string; part_of?: string | null };

/** Base fields plus one column per item type (seized) and structure type (destroyed). */
export function allFields(terms: TermRef[]): FieldDef[] {
  const items = terms.filter((t) => t.kind === 'item_type').map((t): FieldDef => ({
    key: `seized.${t.code}`, header: `Saisies : ${t.label_fr}`, labelEn: `Seized: ${t.label_en}`,
    synonyms: [t.label_fr, t.label_en, t.code, `${t.label_fr} saisies`, `${t.label_fr} saisis`, `saisies ${t.label_fr}`, `seized ${t.label_en}`, `${t.label_en} seized`],
  }));
  const structures = terms.filter((t) => t.kind === 'structure_type').map((t): FieldDef => ({
    key: `destroyed.${t.code}`, header: `Destructions : ${t.label_fr}`, labelEn: `Destroyed: ${t.label_en}`,
    synonyms: [`${t.label_fr} detruits`, `${t.label_fr} detruites`, `destructions ${t.label_fr}`, `destroyed ${t.label_en}`, `${t.label_en} destroyed`],
  }));
  return [...BASE_FIELDS, ...items, ...structures];
}

/**
 * Proposes a column for each field from the headers: an exact match of a known header wins,
 * then the longest known phrase contained in a header; each column is used once.
 */
export function suggestMapping(headers: string[], fields: FieldDef[]): Record<string, string | null> {
  const candidates: Array<{ key: string; header: string; score: number }> = [];
  const normalisedHeaders = headers.map((h) => ({ header: h, n: normalise(h) }));
  for (const f of fields) {
    const phrases = [...new Set([f.header, f.labelEn, f.key, ...f.synonyms].map(normalise).filter(Boolean))];
    for (const { header, n } of normalisedHeaders) {
      if (!n) continue;
      let score = 0;
      for (const p of phrases) {
        if (n === p) score = Math.max(score, 1000 + p.length);
        else if (p.length >= 4 && ` ${n} `.includes(` ${p} `)) score = Math.max(score, p.length);
      }
      if (score > 0) candidates.push({ key: f.key, header, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const mapping: Record<string, string | null> = Object.fromEntries(fields.map((f) => [f.key, null]));
  const usedHeaders = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.key] !== null || usedHeaders.has(c.header)) continue;
    mapping[c.key] = c.header;
    usedHeaders.add(c.header);
  }
  return mapping;
}
