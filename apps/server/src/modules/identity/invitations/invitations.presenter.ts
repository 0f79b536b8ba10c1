import type { InvitationView, Role } from '@vigie/domain';
import type { InvitationRow } from '../../../platform/db/schema.js';

export function invitationStatus(i: Pick<InvitationRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now = new Date()): InvitationView['status'] {
  if (i.accepted_at) return 'accepted';
  if (i.revoked_at) return 'revoked';
  if (i.expires_at <= now) return 'expired';
  return 'pending';
}

export function presentInvitation(i: InvitationRow): InvitationView {
  return {
    id: i.id, email: i.email, role: i.role as Role, status: invitationStatus(i),
    expiresAt: i.expires_at.toISOString(), createdAt: i.created_at.toISOString(),
  };
}
