import { figureLine, wordFigure, type Figure } from '@vigie/domain';
import { renderPdf, shortFrenchDay, parisDateTime } from '../bundles/typst-pdf.js';
import type { CountedFigure, computePatternFigures } from './pattern-figures.js';

/**
 * The printable summary for a référé or a referral to the Défenseur des droits: a page of
 * figures, each pointing to its annex of records. Factual only — no commentary — so that it can
 * be attached as an exhibit (pièce) and the lawyer writes the argument.
 */
/** Through the one wording function: "au moins 12", "0", "non observé" (never "au moins 0"). */
const word = (f: Figure) => wordFigure(f, 'fr');
const counted = (t: CountedFigure) => `${word(t)}${t.unknown ? ` (non renseigné pour ${t.unknown} expulsion${t.unknown > 1 ? 's' : ''})` : ''}`;

export function figureLines(r: ReturnType<typeof computePatternFigures>): Array<[string, string, string]> {
  const f = r.figures;
  const freq = f.hoursBetweenEvictions === null ? '' : f.hoursBetweenEvictions < 48
    ? `, soit en moyenne une expulsion toutes les ${Math.round(f.hoursBetweenEvictions)} heures`
    : `, soit en moyenne une expulsion tous les ${Math.round(f.hoursBetweenEvictions / 24)} jours`;
  const c = f.coverage;
  const missed = c.missedDays ?? 0;
  // "Au moins 4 expulsions d’au moins 2 lieux de vie distincts": the statistics' own sentence.
  const evictions = figureLine({ metric: 'evictions', figure: f.evictions, part: { metric: 'distinctSites', figure: f.distinctSites } }, 'fr');
  return [
    ['Jours d’observation', `${c.observedDays} sur ${c.expectedDays} jours attendus au planning${missed ? ` (${missed} jour${missed > 1 ? 's' : ''} sans observation : les nombres sont des minimums)` : ''}`, '—'],
    ['Expulsions de lieux de vie', `${evictions} en ${f.days} jours${freq}`, 'A'],
    ['Personnes expulsées', counted(f.personsEvicted), 'B'],
    ['Mineurs non accompagnés rencontrés', counted(f.unaccompaniedMinors), 'C'],
    ['Mise à l’abri proposée', `oui : ${word(f.shelter.offered)} ; non : ${f.shelter.notOffered} ; non renseigné : ${f.shelter.unknown}`, 'D'],
    ['Diagnostic social réalisé', `oui : ${word(f.socialAssessment.done)} ; non : ${f.socialAssessment.notDone} ; non renseigné : ${f.socialAssessment.unknown}`, 'E'],
    ['Biens saisis', `${word(f.seized)}${f.seized.byItem.length ? ` (${f.seized.byItem.map((i) => `${i.label} : ${word(i)}`).join(', ')})` : ''}`, 'F'],
    ['Violences', `${word(f.violence.incidents)} faits de violence relevés ; interpellations avec violence : ${counted(f.violence.arrestsWithViolence)}`, 'G'],
    ['Entraves au travail des observateurs', word(f.obstruction.incidents), 'H'],
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
Les chiffres sont ceux des statistiques de l'observatoire pour la même période et la même zone (celle du lieu de vie expulsé) ; chacun renvoie à une annexe qui liste les expulsions ou faits sur lesquels il repose.
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
