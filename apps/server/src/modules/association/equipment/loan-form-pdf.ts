import { formatDate, formatDateTime } from '@vigie/domain';
import { renderTypstPdf, type TypstFiles } from '../../../platform/pdf/typst.js';
import type { Signature } from './signatures.js';

/**
 * The "document de mise à disposition" (hand-over) and its counterpart at the return ("document de
 * restitution"): who lent what to whom, when, on which conditions, signed on the screen by the
 * borrower (and the lender). Typeset by Typst in-process (platform/pdf/typst.ts); every name and
 * label is data, never markup. The version of this template is printed and audited with the PDF.
 */
export const LOAN_FORM_VERSION = '2026-12-03';

export type LoanFormInput = {
  kind: 'out' | 'in';
  organisation: string;
  loanId: string;
  borrower: string;
  lender: string;
  at: Date;
  outAt: Date;
  dueOn: string | null;
  conditions: string;
  notes: string;
  items: Array<{ kind: string; label: string; identifier: string | null; state: string | null }>;
  borrowerSignature: Signature;
  lenderSignature: Signature | null;
};

const KIND_FR: Record<string, string> = {
  field_phone: 'Téléphone de terrain', laptop: 'Ordinateur portable', camera: 'Appareil photo', power_bank: 'Batterie externe',
  vehicle: 'Véhicule', keys: 'Clés', bed: 'Lit', kit: 'Kit', other: 'Autre',
};
const STATE_FR: Record<string, string> = { good: 'bon état', worn: 'usé', damaged: 'endommagé', lost: 'perdu' };

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2cm, y: 1.8cm), footer: context [#text(size: 8pt)[#d.title — #d.organisation — modèle #d.version — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10.5pt, hyphenate: false)
#set smartquote(enabled: false)
#align(center)[#text(size: 16pt, weight: "bold")[#upper(d.title)] \ #d.organisation]
#v(0.3cm)
#table(columns: (5cm, 1fr), stroke: 0.4pt, inset: 6pt,
  [Emprunteur·se], [#d.borrower],
  [#d.lenderRole], [#d.lender],
  [Remis le], [#d.outAt],
  ..if d.returnedAt != none { ([Rendu le], [#d.returnedAt]) },
  [À rendre le], [#d.dueOn],
  [Référence], [#text(size: 8.5pt)[#d.loanId]],
)
== Matériel
#table(columns: (4.2cm, 1fr, 4.2cm, ..if d.withState { (2.6cm,) } else { () }), stroke: 0.4pt, inset: 6pt,
  table.header([*Type*], [*Désignation*], [*Numéro, nombre*], ..if d.withState { ([*État au retour*],) } else { () }),
  ..d.items.map(i => (i.kind, i.label, i.identifier, ..if d.withState { (i.state,) } else { () })).flatten(),
)
== Conditions
#for para in d.conditions [#para #parbreak()]
#if d.notes != "" [
  == Observations au retour
  #d.notes
]
#v(0.4cm)
#grid(columns: (1fr, 1fr), gutter: 12pt,
  ..d.signatures.map(s => block(stroke: 0.8pt, inset: 8pt, width: 100%, height: 4cm)[
    #text(size: 9pt)[#s.role — #s.name] \
    #if s.image != none { image(s.image, height: 2.6cm) } else if s.typed != none [#v(0.6cm) #text(size: 15pt, style: "italic")[#s.typed] \ #text(size: 8pt)[(signature saisie au clavier)]] else [#v(0.6cm) #text(size: 9pt)[—]]
  ]),
)
#v(0.2cm)
#text(size: 8.5pt, fill: luma(60))[#d.footnote]
`;

export function loanFormPdf(input: LoanFormInput): Buffer {
  const files: TypstFiles = {};
  const sig = (role: string, name: string, s: Signature | null, file: string) => {
    if (s?.png) files[file] = s.png;
    return { role, name, image: s?.png ? file : null, typed: s?.typedName ?? null };
  };
  const out = input.kind === 'out';
  const data = {
    title: out ? 'Document de mise à disposition' : 'Document de restitution',
    organisation: input.organisation,
    version: LOAN_FORM_VERSION,
    loanId: input.loanId,
    borrower: input.borrower,
    lenderRole: out ? 'Remis par' : 'Reçu par',
    lender: input.lender,
    outAt: formatDateTime(input.outAt, 'fr', { year: 'always' }),
    returnedAt: out ? null : formatDateTime(input.at, 'fr', { year: 'always' }),
    dueOn: input.dueOn ? formatDate(input.dueOn, 'fr', { year: 'always', style: 'long' }) : 'sans date fixée (à la première demande, au plus tard au départ)',
    withState: !out,
    items: input.items.map((i) => ({ kind: KIND_FR[i.kind] ?? i.kind, label: i.label, identifier: i.identifier ?? '—', state: i.state ? STATE_FR[i.state] ?? i.state : '—' })),
    conditions: input.conditions.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean),
    notes: input.notes,
    signatures: [
      sig(out ? "Signature de l'emprunteur·se" : "Signature de l'emprunteur·se (restitution)", input.borrower, input.borrowerSignature, 'sign/borrower.png'),
      sig(out ? 'Signature du prêteur (association)' : 'Signature de la personne qui reçoit', input.lender, input.lenderSignature, 'sign/lender.png'),
    ],
    footnote: `Signé sur écran le ${formatDateTime(input.at, 'fr', { year: 'always' })} (heure de Paris). L'empreinte SHA-256 de ce document est inscrite au journal d'audit de l'association.`,
  };
  return renderTypstPdf(TEMPLATE, data, files, input.at);
}
