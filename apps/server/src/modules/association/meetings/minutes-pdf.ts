import { formatDate, formatDateTime } from '@vigie/domain';
import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import type { ActionRow, DecisionRow, MeetingRow, agendaOf } from './meetings.queries.js';

/** The minutes ("compte rendu") typeset by Typst: agenda, notes, decisions, actions. Data as JSON, never markup. */
const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2cm, y: 1.8cm), footer: context [#text(size: 8pt)[#d.title — #d.organisation — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10.5pt, hyphenate: false)
#set smartquote(enabled: false)
#align(center)[#text(size: 16pt, weight: "bold")[#d.title] \ #d.organisation — #d.when]
#text(size: 9pt)[#d.status]
== Ordre du jour
#if d.agenda.len() == 0 [—] else { enum(..d.agenda) }
== Notes
#for para in d.minutes [#para #parbreak()]
#if d.minutes.len() == 0 [—]
== Décisions
#if d.decisions.len() == 0 [Aucune décision.] else {
  table(columns: (1fr, 4cm), stroke: 0.4pt, inset: 6pt, table.header([*Décision*], [*Empreinte*]),
    ..d.decisions.map(x => ([*#x.text* #if x.context != "" [\ #text(size: 9pt)[#x.context]]], text(size: 7pt)[#x.hash])).flatten())
}
== Actions
#if d.actions.len() == 0 [Aucune action.] else {
  table(columns: (1fr, 4cm, 3cm), stroke: 0.4pt, inset: 6pt, table.header([*Action*], [*Responsable*], [*Échéance*]),
    ..d.actions.map(x => (x.title, x.owner, x.due)).flatten())
}
`;

export function minutesPdf(input: {
  organisation: string; meeting: MeetingRow; agenda: Awaited<ReturnType<typeof agendaOf>>; decisions: DecisionRow[]; actions: ActionRow[];
}): Buffer {
  const m = input.meeting;
  const data = {
    title: `${m.kind === 'retreat' ? 'Compte rendu du séminaire' : 'Compte rendu de réunion'} — ${m.title}`,
    organisation: input.organisation,
    when: formatDateTime(m.starts_at, 'fr', { year: 'always' }),
    status: m.status === 'closed' ? 'Réunion close.' : 'Version provisoire : la réunion n\'est pas close.',
    agenda: input.agenda.map((a) => (a.source === 'action' ? `Suivi d'action : ${a.title}` : a.title)),
    minutes: m.minutes.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean),
    decisions: input.decisions.map((x) => ({ text: x.text, context: x.context, hash: x.content_sha256.slice(0, 16) })),
    actions: input.actions.map((x) => ({ title: x.title, owner: x.owner_name, due: formatDate(x.due_on, 'fr', { year: 'always' }) })),
  };
  return renderTypstPdf(TEMPLATE, data, {}, m.closed_at ?? new Date());
}
