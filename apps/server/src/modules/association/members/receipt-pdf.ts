import { euroAmountInFigures, euroAmountInFrench, formatDate, formatDateTime } from '@vigie/domain';
import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import type { SettingsRow } from './members.queries.js';

/**
 * Receipts typeset by Typst (platform/pdf/typst.ts), data as JSON, never markup:
 * - the dues receipt ("reçu de cotisation");
 * - the tax receipt with the content of form CERFA 11580*04 ("Reçu au titre des dons à certains
 *   organismes d'intérêt général", articles 200, 238 bis and 978 of the tax code): order number,
 *   beneficiary (name, address, purpose, status box), donor, amount in figures and words, date,
 *   article, form, nature and method of the gift, date and signature;
 * - the cancellation of either, which names the receipt it cancels.
 * The template's version is printed; the PDF's SHA-256 goes into the audit trail.
 */
export const RECEIPT_TEMPLATE_VERSION = '2026-12-04';

export type Payer = { name: string; address: string; postcode: string; city: string };
export type ReceiptDocument =
  | { kind: 'dues'; reference: string; payer: Payer; amountCents: number; paidOn: string; method: string; year: number; category: string }
  | { kind: 'tax'; reference: string; payer: Payer; donorKind: 'person' | 'company'; amountCents: number; receivedOn: string; method: string }
  | { kind: 'cancellation'; reference: string; cancelled: string; series: 'dues' | 'tax'; payer: Payer; amountCents: number; reason: string };

const METHOD_FR: Record<string, string> = { cash: 'espèces', cheque: 'chèque', transfer: 'virement', card: 'carte bancaire', direct_debit: 'prélèvement' };
const CATEGORY_FR: Record<string, string> = { individual: 'membre individuel', reduced: 'tarif réduit', benefactor: 'membre bienfaiteur', legal_person: 'personne morale' };
const STATUS_FR: Record<string, string> = {
  general_interest: "Œuvre ou organisme d'intérêt général",
  public_utility: "Association ou fondation reconnue d'utilité publique",
};
// CERFA 11580's boxes for the method of a gift in cash ("don en numéraire").
const CERFA_METHOD: Record<string, 'cash' | 'cheque' | 'other'> = { cash: 'cash', cheque: 'cheque', transfer: 'other', card: 'other', direct_debit: 'other' };

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#let tick(on) = box(stroke: 0.5pt, width: 0.9em, height: 0.9em, align(center + horizon, text(size: 7pt, weight: "bold", if on { "X" } else { "" })))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2cm, y: 1.6cm), footer: context [#text(size: 8pt)[#d.title n° #d.reference — #d.org.name — modèle #d.version — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10pt, hyphenate: false)
#set smartquote(enabled: false)
#align(center)[#text(size: 15pt, weight: "bold")[#d.title] #if d.subtitle != "" [\ #text(size: 9pt)[#d.subtitle]]]
#align(right)[Numéro d'ordre du reçu : *#d.reference*]
#block(stroke: 0.6pt, inset: 8pt, width: 100%)[
  *Bénéficiaire des versements* \
  #d.org.name \
  #d.org.address, #d.org.postcode #d.org.city \
  #if d.org.registration != "" [#d.org.registration \ ]
  Objet : #d.org.purpose
  #if d.tax [\ #tick(true) #d.org.status]
]
#block(stroke: 0.6pt, inset: 8pt, width: 100%)[
  *#d.payerLabel* \
  #d.payer.name \
  #d.payer.address \
  #d.payer.postcode #d.payer.city
]
#if d.kind == "cancellation" [
  #block(stroke: 1pt, inset: 8pt, width: 100%)[
    *Le reçu n° #d.cancelled est annulé* et ne peut plus être utilisé#if d.series == "tax" [ pour une réduction d'impôt]. \
    Montant du reçu annulé : #d.figures (#d.words). \
    Motif : #d.reason
  ]
] else [
  #block(stroke: 0.6pt, inset: 8pt, width: 100%)[
    #d.acknowledgement \
    la somme de : *#d.figures* \
    Somme en toutes lettres : *#d.words* \
    #d.dateLabel : #d.date \
    #if d.tax [
      #v(4pt)
      Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la réduction d'impôt prévue à l'article :
      #v(2pt)
      #grid(columns: (4.6cm, 1fr), row-gutter: 7pt,
        [Article], [#tick(d.article == "200") 200 du CGI #h(1em) #tick(d.article == "238 bis") 238 bis du CGI #h(1em) #tick(false) 978 du CGI],
        [Forme du don], [#tick(false) Acte authentique \ #tick(false) Acte sous seing privé \ #tick(true) Déclaration de don manuel \ #tick(false) Autres],
        [Nature du don], [#tick(true) Numéraire \ #tick(false) Titres de sociétés cotés \ #tick(false) Autres],
        [En cas de don en numéraire, mode de versement], [#tick(d.cerfaMethod == "cash") Remise d'espèces \ #tick(d.cerfaMethod == "cheque") Chèque \ #tick(d.cerfaMethod == "other") Virement, prélèvement, carte bancaire],
      )
    ] else [
      Mode de paiement : #d.method \
      #d.detail
    ]
  ]
]
#v(0.4cm)
#grid(columns: (1fr, 1fr), [Fait à #d.org.city, le #d.issuedOn], [#d.org.signatoryName \ #d.org.signatoryTitle \ #v(1.2cm)])
#v(0.2cm)
#text(size: 8pt, fill: luma(60))[#d.footnote]
`;

function organisation(s: SettingsRow) {
  return {
    name: s.legal_name, address: s.address, postcode: s.postcode, city: s.city, registration: s.registration, purpose: s.purpose,
    status: STATUS_FR[s.status] ?? s.status, signatoryName: s.signatory_name, signatoryTitle: s.signatory_title,
  };
}

export function receiptPdf(doc: ReceiptDocument, settings: SettingsRow, issuedAt: Date): Buffer {
  const common = {
    version: RECEIPT_TEMPLATE_VERSION, reference: doc.reference, org: organisation(settings), payer: doc.payer, kind: doc.kind,
    figures: euroAmountInFigures(doc.amountCents), words: euroAmountInFrench(doc.amountCents),
    issuedOn: formatDate(issuedAt, 'fr', { year: 'always', style: 'long' }),
    footnote: `Émis le ${formatDateTime(issuedAt, 'fr', { year: 'always' })} (heure de Paris). Un reçu émis n'est jamais modifié : une erreur se corrige par un reçu d'annulation puis un nouveau reçu. L'empreinte SHA-256 de ce document est inscrite au journal d'audit.`,
    subtitle: '', cancelled: '', series: '', reason: '', tax: false, acknowledgement: '', dateLabel: '', date: '', article: '', cerfaMethod: '', method: '', detail: '',
  };
  let data;
  if (doc.kind === 'dues') {
    data = {
      ...common, title: 'Reçu de cotisation', payerLabel: 'Membre',
      acknowledgement: `L'association reconnaît avoir reçu de ce membre, au titre de sa cotisation pour l'année ${doc.year},`,
      dateLabel: 'Date du paiement', date: formatDate(doc.paidOn, 'fr', { year: 'always', style: 'long' }), method: METHOD_FR[doc.method] ?? doc.method,
      // A dues receipt is no tax receipt: saying so avoids it being sent to the tax office.
      detail: `Catégorie : ${CATEGORY_FR[doc.category] ?? doc.category}. Ce reçu ne vaut pas reçu fiscal.`,
    };
  } else if (doc.kind === 'tax') {
    data = {
      ...common, title: 'Reçu au titre des dons à certains organismes d\'intérêt général', tax: true,
      subtitle: 'Articles 200, 238 bis et 978 du code général des impôts (CGI) — contenu du formulaire Cerfa n° 11580*04',
      payerLabel: 'Donateur', acknowledgement: 'Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à réduction d\'impôt',
      dateLabel: 'Date du versement ou du don', date: formatDate(doc.receivedOn, 'fr', { year: 'always', style: 'long' }),
      article: doc.donorKind === 'company' ? '238 bis' : '200', cerfaMethod: CERFA_METHOD[doc.method] ?? 'other',
    };
  } else {
    data = {
      ...common, title: doc.series === 'tax' ? 'Annulation d\'un reçu fiscal' : 'Annulation d\'un reçu de cotisation',
      payerLabel: doc.series === 'tax' ? 'Donateur' : 'Membre', cancelled: doc.cancelled, series: doc.series, reason: doc.reason,
    };
  }
  return renderTypstPdf(TEMPLATE, data, {}, issuedAt);
}
