import { parisDate, type AgreementView, type DateLevel, type PlaceLevel, type ProfileDefinition, type ProfileView, type ReleaseView } from '@vigie/domain';
import type { AgreementRow, LinkRow, ProfileRow, ReleaseRow } from './research.queries.js';

/** The whitelist of what leaves the server about agreements, profiles, releases and links. */
export function agreementStatus(a: { starts_on: string; ends_on: string }, today = parisDate(new Date())): AgreementView['status'] {
  if (today < a.starts_on) return 'not_started';
  return today > a.ends_on ? 'expired' : 'active';
}

export function presentAgreement(a: AgreementRow): AgreementView {
  return {
    id: a.id, recipientName: a.recipient_name, recipientEmail: a.recipient_email, contactId: a.contact_id, institution: a.institution,
    purpose: a.purpose, startsOn: a.starts_on, endsOn: a.ends_on, finestDate: a.finest_date as DateLevel, finestPlace: a.finest_place as PlaceLevel,
    measures: a.measures, status: agreementStatus(a),
    document: a.document_sha256 && a.document_name ? { name: a.document_name, sha256: a.document_sha256, sizeBytes: Number(a.document_size ?? 0) } : null,
    createdAt: a.created_at.toISOString(),
  };
}

export const profileDefinition = (p: ProfileRow): ProfileDefinition => p.definition as ProfileDefinition;

export function presentProfile(p: ProfileRow): ProfileView {
  const d = profileDefinition(p);
  return { id: p.id, name: p.name, version: p.version, dateLevel: d.dateLevel, placeLevel: d.placeLevel, measures: d.measures, k: d.k, hxl: d.hxl, createdAt: p.created_at.toISOString() };
}

export function presentRelease(r: ReleaseRow, profile: { name: string; version: number }): ReleaseView {
  const files = (r.files as Array<{ name: string; sha256: string; sizeBytes: number }>).map(({ name, sha256, sizeBytes }) => ({ name, sha256, sizeBytes }));
  return {
    id: r.id, agreementId: r.agreement_id, profileId: r.profile_id, profileName: profile.name, profileVersion: profile.version,
    from: r.period_from, to: r.period_to, status: r.status as ReleaseView['status'], refusedCells: r.refused_cells, files,
    manifestSha256: r.manifest_sha256, createdAt: r.created_at.toISOString(),
  };
}

export function presentLink(l: LinkRow, now = new Date()) {
  return {
    id: l.id, expiresAt: l.expires_at.toISOString(), revokedAt: l.revoked_at?.toISOString() ?? null, createdAt: l.created_at.toISOString(),
    active: l.revoked_at === null && l.expires_at > now,
  };
}
