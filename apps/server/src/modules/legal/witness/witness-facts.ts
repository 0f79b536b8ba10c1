import { parisDate, type Count, type ForcePresence } from '@vigie/domain';
import type { OutsideIncidentFacts } from '../../field/incidents/incident-lookup.js';
import { longFrenchDay, parisHour } from '../bundles/typst-pdf.js';
import type { findEvictionFacts, seizedOf } from './witness.queries.js';

/**
 * The facts of an eviction written out as a witness would state them, in French: what the
 * record holds, with minimums said as minimums ("au moins 30 personnes") and the legal basis
 * the officer stated quoted verbatim, never paraphrased.
 */
type Facts = NonNullable<Awaited<ReturnType<typeof findEvictionFacts>>>;
type Tally = Awaited<ReturnType<typeof seizedOf>>[number];

export function countText(n: number | null, atLeast: boolean, one: string, many: string): string | null {
  if (n === null) return null;
  return `${atLeast ? 'au moins ' : ''}${n} ${n > 1 ? many : one}`;
}

const COUNT_LINES: Array<[keyof Facts, keyof Facts, string, string]> = [
  ['persons_evicted', 'persons_evicted_at_least', 'personne expulsée', 'personnes expulsées'],
  ['women', 'women_at_least', 'femme', 'femmes'],
  ['children', 'children_at_least', 'enfant', 'enfants'],
  ['families', 'families_at_least', 'famille', 'familles'],
  ['unaccompanied_minors', 'unaccompanied_minors_at_least', 'mineur non accompagné rencontré', 'mineurs non accompagnés rencontrés'],
  ['arrests', 'arrests_at_least', 'interpellation', 'interpellations'],
  ['arrests_with_violence', 'arrests_with_violence_at_least', 'interpellation avec violence', 'interpellations avec violence'],
  ['id_checks', 'id_checks_at_least', 'contrôle d’identité', 'contrôles d’identité'],
  ['shelter_accepted', 'shelter_accepted_at_least', 'personne ayant accepté une mise à l’abri', 'personnes ayant accepté une mise à l’abri'],
];

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? null : v ? yes : no);

function forceLine(f: ForcePresence, label: (kind: string, code: string) => string): string {
  const parts = [label('force_corps', f.corps) + (f.unit ? ` (${f.unit})` : '')];
  const officers = f.officers as Count | null;
  if (officers) parts.push(countText(officers.n, officers.atLeast, 'agent', 'agents')!);
  const vehicles = f.vehicles.filter((v) => v.n > 0).map((v) => `${v.n} ${label('vehicle_type', v.type)}`);
  if (vehicles.length) parts.push(`véhicules : ${vehicles.join(', ')}`);
  if (f.weapons.length) parts.push(`armes visibles : ${f.weapons.join(', ')}`);
  return parts.join(' — ');
}

/** One line of the statement's facts table: a text, or a list of texts. */
export type FactRow = { label: string; text: string | null; list: string[] | null };
export type StatementFacts = { rows: FactRow[]; fileStem: string };

const text = (label: string, value: string): FactRow => ({ label, text: value, list: null });
const listOr = (label: string, items: string[], empty: string): FactRow => (items.length ? { label, text: null, list: items } : text(label, empty));

export function describeEviction(e: Facts, tallies: Tally[], labels: Map<string, string>): StatementFacts {
  const label = (kind: string, code: string) => labels.get(`${kind}:${code}`) ?? code;
  const forces = ((e.forces as ForcePresence[] | null) ?? []).map((f) => forceLine(f, label));
  const counts = COUNT_LINES.map(([n, atLeast, one, many]) => countText(e[n] as number | null, e[atLeast] as boolean, one, many))
    .filter((x): x is string => x !== null);
  const seized = tallies.map((t) => `${t.kind === 'seized' ? 'saisi' : 'détruit'} : ${label(t.kind === 'seized' ? 'item_type' : 'structure_type', t.term)} — ${t.at_least ? 'au moins ' : ''}${t.n}`);
  const findings = [
    yesNo(e.shelter_offered, 'Une mise à l’abri a été proposée.', 'Aucune mise à l’abri n’a été proposée.'),
    yesNo(e.social_assessment, 'Un diagnostic social a été réalisé.', 'Aucun diagnostic social n’a été réalisé.'),
    e.interpreter === 'absent' ? 'Aucun interprète n’était présent.' : e.interpreter === 'present' ? 'Un interprète était présent.'
      : e.interpreter === 'used' ? 'Un interprète était présent et a été sollicité.' : null,
    yesNo(e.bailiff, 'Un commissaire de justice (huissier) était présent.', 'Aucun commissaire de justice (huissier) n’était présent.'),
  ].filter((x): x is string => x !== null);
  const arrivedAt = parisHour(e.arrived_at)!;
  const leftAt = parisHour(e.left_at);
  const rows: FactRow[] = [
    text('Date', longFrenchDay(e.date)),
    text('Heure', leftAt ? `de ${arrivedAt} à ${leftAt} (heure de Paris)` : `à partir de ${arrivedAt} (heure de Paris)`),
    text('Lieu de vie', `${e.site_code} — ${e.site_name}`),
    text('Commune', e.commune_name ? `${e.commune_name} (INSEE ${e.commune_insee})` : `INSEE ${e.commune_insee}`),
    ...(e.officer_in_charge ? [text('Responsable des opérations', e.officer_in_charge)] : []),
    ...(e.authorities_present ? [text('Autorités présentes', e.authorities_present)] : []),
    listOr('Forces présentes', forces, 'non renseigné'),
    text('Fondement juridique énoncé', e.legal_basis_text ? `« ${e.legal_basis_text} » (propos rapportés mot pour mot)` : 'non énoncé ou non entendu'),
    listOr('Constatations chiffrées', counts, '—'),
    ...(seized.length ? [listOr('Biens saisis ou détruits', seized, '')] : []),
    ...(findings.length ? [listOr('Autres constatations', findings, '')] : []),
  ];
  return { rows, fileStem: e.site_code };
}

/**
 * An incident outside an eviction (during a round, at a distribution, in town) as a witness would
 * state it: its day and hour, where (the site, or the place as recorded in words, never a
 * person's location), its nature, the unit named and what was recorded; the persons concerned are
 * counted, never named (their pseudonyms are internal to the association).
 */
export function describeOutsideIncident(i: OutsideIncidentFacts, labels: Map<string, string>): StatementFacts {
  const typeKind = i.kind === 'violence' ? 'incident_type' : 'obstruction_type';
  const nature = `${i.kind === 'violence' ? 'Violence' : 'Entrave au travail des observateurs'} — ${labels.get(`${typeKind}:${i.incidentType}`) ?? i.incidentType}`;
  const persons = i.persons === 0 ? null
    : `${i.persons} ${i.persons > 1 ? 'personnes' : 'personne'}${i.minors > 0 ? ` (dont ${i.minors} ${i.minors > 1 ? 'mineurs' : 'mineur'})` : ''}`;
  const rows: FactRow[] = [
    text('Date', longFrenchDay(parisDate(i.occurredAt))),
    text('Heure', `${parisHour(i.occurredAt)!} (heure de Paris)`),
    text('Contexte', 'En dehors de toute expulsion'),
    text('Secteur', i.area),
    ...(i.site ? [text('Lieu de vie', `${i.site.code} — ${i.site.name}`)] : []),
    ...(i.place ? [text('Lieu', i.place)] : []),
    ...(i.commune ? [text('Commune', i.commune.name ? `${i.commune.name} (INSEE ${i.commune.insee})` : `INSEE ${i.commune.insee}`)] : []),
    text('Nature des faits', nature),
    ...(i.unit ? [text('Unité ou service en cause', i.unit)] : []),
    ...(persons ? [text('Personnes visées', persons)] : []),
    ...(i.description ? [text('Constatation enregistrée', i.description)] : []),
  ];
  return { rows, fileStem: `incident-${parisDate(i.occurredAt)}` };
}
