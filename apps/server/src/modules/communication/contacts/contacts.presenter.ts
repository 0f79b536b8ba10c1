import { mayMail, type ConsentStatus, type ContactListView, type ContactSummaryView, type ContactView, type LegalBasis } from '@vigie/domain';
import type { consentHistory, ContactRow, ContactSummaryRow, contactChannels, doNotContactFlags, interactions, ListRow } from './contacts.queries.js';

/** The whitelist of what leaves the server about a contact. */
type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

export function presentContactSummary(c: ContactSummaryRow): ContactSummaryView {
  return {
    id: c.id, kind: c.kind as ContactView['kind'], displayName: c.display_name, employerName: c.employer_name, jobTitle: c.job_title,
    beat: c.beat, roles: c.roles as ContactView['roles'], tags: c.tags, languages: c.languages, email: c.email, doNotContact: c.do_not_contact,
  };
}

export function presentContact(c: ContactRow, parts: {
  channels: Rows<typeof contactChannels>; flags: Rows<typeof doNotContactFlags>; consents: Rows<typeof consentHistory>;
  timeline: Rows<typeof interactions>; lists: Array<{ id: string; name: string; legalBasis: LegalBasis; status: ConsentStatus | null }>;
}): ContactView {
  const emailBlocked = parts.flags.some((f) => f.channel === 'email' || f.channel === 'any');
  return {
    ...presentContactSummary({
      ...c, email: parts.channels.find((ch) => ch.kind === 'email')?.value ?? null, do_not_contact: parts.flags.length > 0,
    }),
    employerId: c.employer_id, organisationType: c.organisation_type as ContactView['organisationType'], notes: c.notes, source: c.source,
    channels: parts.channels.map((ch) => ({ id: ch.id, kind: ch.kind as 'email', value: ch.value, label: ch.label })),
    doNotContactFlags: parts.flags.map((f) => ({ channel: f.channel, reason: f.reason, setAt: f.set_at.toISOString() })),
    consents: parts.consents.map((e) => ({
      id: e.id, listId: e.list_id, listName: e.list_name, channel: e.channel as 'email', status: e.status as ConsentStatus,
      method: e.method as ContactView['consents'][number]['method'], formVersion: e.form_version, formText: e.form_text, note: e.note,
      recordedByName: e.recorded_by_name, at: e.at.toISOString(),
    })),
    lists: parts.lists.map((l) => ({ ...l, mayMail: mayMail(l.legalBasis, l.status, emailBlocked) })),
    timeline: parts.timeline.map((i) => ({
      id: i.id, kind: i.kind as 'note', summary: i.summary, occurredAt: i.occurred_at.toISOString(), recordedByName: i.recorded_by_name,
    })),
    createdAt: c.created_at.toISOString(), updatedAt: c.updated_at.toISOString(),
  };
}

export function presentList(l: ListRow, counts: { members: number; mailable: number }): ContactListView {
  return {
    id: l.id, name: l.name, kind: l.kind as 'static', legalBasis: l.legal_basis as LegalBasis, purpose: l.purpose,
    filter: (l.filter as ContactListView['filter']) ?? null, ...counts,
  };
}
