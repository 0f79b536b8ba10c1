import { CONSENT_PURPOSES, testimonyStatus, type ConsentAnswers, type ConsentPurpose, type TestimonyLanguage, type TestimonySummaryView, type TestimonyView } from '@vigie/domain';
import type { consentHistory, currentConsents, testimonyLinks, TestimonyRow } from './testimonies.queries.js';

/** The whitelist of what leaves the server about a testimony: the person by pseudonym only. */
type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** No row for a purpose means no: consent is never presumed. */
export function answersFrom(rows: Rows<typeof currentConsents>, testimonyId: string): ConsentAnswers {
  const answers = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, false])) as ConsentAnswers;
  for (const r of rows) if (r.testimony_id === testimonyId) answers[r.purpose as ConsentPurpose] = r.granted;
  return answers;
}

export function presentSummary(t: TestimonyRow, consents: ConsentAnswers): TestimonySummaryView {
  return {
    id: t.id, pseudonym: t.pseudonym, language: t.language as TestimonyLanguage, givenOn: t.given_on,
    status: testimonyStatus(consents, t.withdrawn_at !== null), consents, createdByName: t.created_by_name, createdAt: t.created_at.toISOString(),
  };
}

export function presentTestimony(t: TestimonyRow, parts: {
  consents: ConsentAnswers; account: string | null; quote: string | null; links: Rows<typeof testimonyLinks>; history: Rows<typeof consentHistory>;
}): TestimonyView {
  return {
    ...presentSummary(t, parts.consents),
    personId: t.person_id, minor: t.minor, account: parts.account, quote: parts.quote, withdrawnAt: iso(t.withdrawn_at),
    links: parts.links.map((l) => (l.eviction_id
      ? { target: 'eviction' as const, targetId: l.eviction_id, label: `${l.site_code ?? '?'} — ${l.site_name ?? ''}`.trim(), date: iso(l.eviction_at) }
      : l.round_id ? { target: 'round' as const, targetId: l.round_id, label: '', date: null }
        : { target: 'incident' as const, targetId: l.incident_id!, label: `${l.incident_kind ?? ''} — ${l.incident_type ?? ''}`, date: iso(l.incident_at) })),
    history: parts.history.map((h) => ({
      purpose: h.purpose as ConsentPurpose, granted: h.granted, textVersion: h.text_version, shownIn: h.shown_in,
      recordedByName: h.recorded_by_name ?? null, via: h.via as 'staff' | 'code', at: h.recorded_at.toISOString(),
    })),
  };
}
