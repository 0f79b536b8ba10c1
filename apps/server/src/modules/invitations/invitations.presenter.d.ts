import type { InvitationView } from '@vigie/domain';
import type { InvitationRow } from '../../platform/db/schema.js';
export declare function invitationStatus(i: Pick<InvitationRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now?: Date): InvitationView['status'];
export declare function presentInvitation(i: InvitationRow): InvitationView;
