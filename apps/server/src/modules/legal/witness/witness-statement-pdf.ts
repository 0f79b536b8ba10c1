import { renderPdf, shortFrenchDay } from '../bundles/typst-pdf.js';
import type { StatementFacts } from './witness-facts.js';

/**
 * The content of the French witness statement form (attestation de témoin, CERFA n° 11527*03,
 * article 202 du code de procédure civile), pre-filled. The wording required by article 202
 * and the text of article 441-7 du code pénal are reproduced verbatim: they are what makes the
 * paper usable in court, so they are data here, not something a translation may touch.
 */
export const DECLARATION =
  'Je déclare que l\'attestation est établie en vue de sa production en justice et que j\'ai connaissance qu\'une fausse attestation de ma part m\'expose à des sanctions pénales.';

export const ARTICLE_441_7 =
  'Article 441-7 du code pénal : « Indépendamment des cas prévus au présent chapitre, est puni d\'un an d\'emprisonnement et de 15 000 euros d\'amende le fait : '
  + '1° D\'établir une attestation ou un certificat faisant état de faits matériellement inexacts ; '
  + '2° De falsifier une attestation ou un certificat originairement sincère ; '
  + '3° De faire usage d\'une attestation ou d\'un certificat inexact ou falsifié. »';

export const ID_REMINDER =
  'Joindre obligatoirement à cette attestation, en original ou en photocopie, un document officiel justifiant de votre identité et comportant votre signature (carte d\'identité, passeport, permis de conduire, titre de séjour).';

export const HANDWRITING_NOTE =
  'L\'article 202 du code de procédure civile prévoit que l\'attestation est écrite, datée et signée de la main de son auteur : '
  + 'relisez ce document, corrigez-le ou recopiez-le à la main si l\'avocat le demande, puis datez et signez-le vous-même.';

export type WitnessIdentity = {
  lastName: string; firstName: string; birthDate: string; birthPlace: string; address: string; occupation: string;
};

export type StatementInput = {
  witness: WitnessIdentity;
  relationToParties: string;
  account: string;
  place: string;
  date: string;
  facts: StatementFacts;
};

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: "Attestation de témoin")
#set page(paper: "a4", margin: (x: 2cm, y: 1.8cm), footer: context [#text(size: 8pt)[Attestation de témoin — CERFA n° 11527*03 — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10.5pt, hyphenate: false)
#set smartquote(enabled: false)
#set par(justify: true)
#align(center)[#text(size: 16pt, weight: "bold")[ATTESTATION DE TÉMOIN] \ (article 202 du code de procédure civile — contenu du formulaire CERFA n° 11527\*03)]
#v(0.4cm)
== Le témoin
#table(columns: (5.5cm, 1fr), stroke: 0.4pt, inset: 6pt,
  [Nom], [#d.witness.lastName],
  [Prénoms], [#d.witness.firstName],
  [Date et lieu de naissance], [#d.birth],
  [Adresse], [#d.witness.address],
  [Profession], [#d.witness.occupation],
  [Lien de parenté, d'alliance, de subordination, de collaboration ou de communauté d'intérêts avec les parties], [#d.relation],
)
#v(0.2cm)
#block(stroke: 0.8pt, inset: 8pt, width: 100%)[#text(weight: "bold")[#d.declaration]]
== Les faits
#table(columns: (5.5cm, 1fr), stroke: 0.4pt, inset: 6pt,
  ..d.facts.rows.map(r => ([#r.label], if r.list != none { list(..r.list) } else [#r.text])).flatten(),
)
== Relation des faits par le témoin
#for para in d.account [#para #parbreak()]
#v(0.4cm)
#text(size: 9pt)[#d.article]
#v(0.4cm)
Fait à #d.place, le #d.date.
#v(0.2cm)
#grid(columns: (1fr, 1fr), gutter: 12pt,
  block(stroke: 0.8pt, inset: 8pt, width: 100%, height: 3.2cm)[Signature du témoin (manuscrite)],
  block(stroke: (paint: gray, dash: "dashed"), inset: 8pt, width: 100%, height: 3.2cm)[#text(size: 9pt)[*Pièce à joindre* : #d.idReminder]],
)
#v(0.2cm)
#text(size: 8.5pt, fill: luma(60))[#d.handwriting]
`;

export function witnessStatementPdf(input: StatementInput): Buffer {
  const w = input.witness;
  return renderPdf(TEMPLATE, {
    witness: w,
    birth: `${shortFrenchDay(w.birthDate)} à ${w.birthPlace}`,
    relation: input.relationToParties,
    declaration: DECLARATION,
    facts: input.facts,
    account: input.account.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean),
    article: ARTICLE_441_7,
    place: input.place,
    date: shortFrenchDay(input.date),
    idReminder: ID_REMINDER,
    handwriting: HANDWRITING_NOTE,
  });
}
