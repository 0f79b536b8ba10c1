import { wordFigure } from '@vigie/domain';
import { renderPdf, shortFrenchDay, parisDateTime } from '../bundles/typst-pdf.js';
import type { Total, computePatternFigures } from './pattern-figures.js';

/**
 * The printable summary for a référé or a referral to the Défenseur des droits: a page of
 * figures, each pointing to its annex of records. Factual only — no commentary — so that it can
 * be attached as an exhibit (pièce) and the lawyer writes the argument.
 */
/** Through the one wording function: "au moins 12", "0", "non observé" (never "au moins 0"). */
const atLeast = (t: Total) => `${wordFigure({ value: t.n, atLeast: t.atLeast, ...(t.unobserved ? { unobserved: true } : {}) }, 'fr')}${t.unknown ? ` (non renseigné pour ${t.unknown} expulsion${t.unknown > 1 ? 's' : ''})` : ''}`;
const cell = (n: number, min: boolean) => wordFigure({ value: n, atLeast: min }, 'fr');

export function figureLines(r: ReturnType<typeof computePatternFigures>): Array<[string, string, string]> {
  const f = r.figures;
  const freq = f.hoursBetweenEvictions === null ? '' : f.hoursBetweenEvictions < 48
    ? `, soit en moyenne une expulsion toutes les ${f.hoursBetweenEvictions} heures`
    : `, soit en moyenne une expulsion tous les ${Math.round(f.hoursBetweenEvictions / 24)} jours`;
  const c = f.coverage;
  return [
    ['Jours d’observation', `${c.observedDays} sur ${c.expectedDays} jours attendus au planning${c.missedDays ? ` (${c.missedDays} jour${c.missedDays > 1 ? 's' : ''} sans observation : les nombres sont des minimums)` : ''}`, '—'],
    ['Expulsions de lieux de vie', `${f.evictions} expulsions de ${f.distinctSites} lieux de vie distincts en ${f.days} jours${freq}`, 'A'],
    ['Personnes expulsées', atLeast(f.personsEvicted), 'B'],
    ['Mineurs non accompagnés rencontrés', atLeast(f.unaccompaniedMinors), 'C'],
    ['Mise à l’abri proposée', `oui : ${f.shelter.offered} ; non : ${f.shelter.notOffered} ; non renseigné : ${f.shelter.unknown}`, 'D'],
    ['Diagnostic social réalisé', `oui : ${f.socialAssessment.done} ; non : ${f.socialAssessment.notDone} ; non renseigné : ${f.socialAssessment.unknown}`, 'E'],
    ['Biens saisis', `${atLeast(f.seized)}${f.seized.byItem.length ? ` (${f.seized.byItem.map((i) => `${i.label} : ${cell(i.n, i.atLeast || f.seized.atLeast)}`).join(', ')})` : ''}`, 'F'],
    ['Violences', `${f.violence.incidents} faits de violence relevés ; interpellations avec violence : ${atLeast(f.violence.arrestsWithViolence)}`, 'G'],
    ['Entraves au travail des observateurs', `${f.obstruction.incidents}`, 'H'],
  ];
}

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: "Relevé factuel des expulsions")
#set page(paper: "a4", margin: 2cm, footer: context [#text(size: 8pt)[#d.organisation — relevé du #d.from au #d.to — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10pt, hyphenate: false)
#align(center)[#text(size: 15pt, weight: "bold")[Relevé factuel des expulsions de lieux de vie informels] \ #d.scope, du #d.from au #d.to]
#v(0.3cm)
Établi par #d.organisation le #d.createdAt (heure de Paris), à partir des seules expulsions dont la fiche a été vérifiée.
Les nombres sont des minimums lorsqu'ils sont précédés de « au moins » : les observateurs sont souvent tenus à distance.
Chaque chiffre renvoie à une annexe qui liste les expulsions ou faits sur lesquels il repose.
#v(0.3cm)
#table(columns: (auto, 1fr, auto), stroke: 0.4pt, inset: 6pt,
  [*Constat*], [*Chiffre*], [*Annexe*],
  ..d.figures.map(r => ([#r.at(0)], [#r.at(1)], [#r.at(2)])).flatten())
#for a in d.annexes [
  #pagebreak(weak: true)
  == Annexe #a.letter — #a.title (#a.rows.len() ligne#if a.rows.len() > 1 [s])
  #if a.rows.len() == 0 [Aucun enregistrement.] else {
    table(columns: a.columns.len(), stroke: 0.4pt, inset: 4pt,
      ..a.columns.map(c => [*#c*]), ..a.rows.flatten().map(c => [#c]))
  }
]
`;

export function patternEvidencePdf(input: {
  organisation: string; scope: string; from: string; to: string; createdAt: Date; result: ReturnType<typeof computePatternFigures>;
}): Buffer {
  return renderPdf(TEMPLATE, {
    organisation: input.organisation, scope: input.scope, from: shortFrenchDay(input.from), to: shortFrenchDay(input.to),
    createdAt: parisDateTime(input.createdAt), figures: figureLines(input.result), annexes: input.result.annexes,
  }, input.createdAt);
}
