import type { LegalCaseSummaryView, LegalCaseView, RecordVersionView } from '@vigie/domain';
import type { caseEvents, caseLinks, caseParties, caseTasks, CaseRow, listCases } from './cases.queries.js';
import type { caseDocuments } from './documents.queries.js';

/** The whitelist of what leaves the server about a case. Persons appear by pseudonym only. */
type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

export function presentCaseSummary(c: Rows<typeof listCases>[number]): LegalCaseSummaryView {
  return {
    id: c.id, title: c.title, actionType: c.action_type as LegalCaseSummaryView['actionType'], court: c.court,
    externalReference: c.external_reference, status: c.status as LegalCaseSummaryView['status'],
    outcome: c.outcome as LegalCaseSummaryView['outcome'], nextDeadline: c.next_deadline,
    createdAt: c.created_at.toISOString(), updatedAt: c.updated_at.toISOString(),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function linkLabel(l: Rows<typeof caseLinks>[number]) {
  if (l.eviction_id) return { target: 'eviction' as const, targetId: l.eviction_id, label: `${l.site_code ?? '?'} — ${l.site_name ?? ''}`.trim(), date: iso(l.eviction_at) };
  if (l.incident_id) return { target: 'incident' as const, targetId: l.incident_id, label: `${l.incident_kind ?? ''} — ${l.incident_type ?? ''}`, date: iso(l.incident_at) };
  return { target: 'evidence' as const, targetId: l.evidence_id!, label: `${l.evidence_kind ?? ''} — ${l.evidence_name ?? ''}`, date: iso(l.evidence_at) };
}

export function presentCase(c: CaseRow, parts: {
  parties: Rows<typeof caseParties>; links: Rows<typeof caseLinks>; events: Rows<typeof caseEvents>; tasks: Rows<typeof caseTasks>;
  documents: Rows<typeof caseDocuments>; today: string; history: RecordVersionView[];
}): LegalCaseView {
  const docs = new Map<string, LegalCaseView['documents'][number]>();
  for (const d of parts.documents) {
    const doc = docs.get(d.document_id) ?? { id: d.document_id, title: d.title, versions: [] };
    docs.set(d.document_id, doc);
    if (d.version_id) {
      doc.versions.push({
        id: d.version_id, version: d.version!, originalName: d.original_name!, contentType: d.content_type!, sizeBytes: Number(d.size_bytes),
        sha256: d.sha256!, uploadedByName: d.uploaded_by_name ?? '', uploadedAt: iso(d.uploaded_at)!,
      });
    }
  }
  return {
    ...presentCaseSummary(c),
    summary: c.summary, outcomeNote: c.outcome_note, openedByName: c.opened_by_name,
    parties: parts.parties.map((p) => ({
      id: p.id, kind: p.kind as 'person', role: p.role as 'other', personId: p.person_id, pseudonym: p.pseudonym ?? null, minor: p.minor ?? null,
      name: p.name, contact: p.contact, note: p.note,
    })),
    links: parts.links.map((l) => ({ id: l.id, ...linkLabel(l), note: l.note })),
    timeline: parts.events.map((e) => ({
      id: e.id, kind: e.kind as 'note', status: e.status, outcome: e.outcome, note: e.note, occurredOn: e.occurred_on,
      actorName: e.actor_name, at: e.at.toISOString(),
    })),
    tasks: parts.tasks.map((t) => ({
      id: t.id, title: t.title, ownerId: t.owner_id, ownerName: t.owner_name ?? null, dueOn: t.due_on, done: t.done_at !== null,
      overdue: t.done_at === null && t.due_on !== null && t.due_on < parts.today,
    })),
    documents: [...docs.values()],
    history: parts.history,
  };
}
