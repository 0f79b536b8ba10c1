import { describe, expect, it } from 'vitest';
import { PERMISSION_TABLE, ROLES, can, isRole } from './roles.js';

describe('permission table', () => {
  it('keeps identities of exiled people to the legal pole and coordinators', () => {
    const holders = ROLES.filter((r) => can(r, 'identities.read'));
    expect(holders.sort()).toEqual(['coordinator', 'legal']);
  });
  it('keeps row-level records to roles with field access: researchers, board and volunteers see aggregates only', () => {
    expect(ROLES.filter((r) => can(r, 'records.read')).sort()).toEqual(['comms', 'coordinator', 'legal', 'observer']);
    expect(can('researcher', 'stats.view')).toBe(true);
  });
  it('lets only admins manage users and read the audit trail', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
    expect(ROLES.filter((r) => can(r, 'audit.read'))).toEqual(['admin']);
  });
  it('has a row for every role and no duplicate permission in a row', () => {
    for (const role of ROLES) {
      const row = PERMISSION_TABLE[role];
      expect(new Set(row).size).toBe(row.length);
    }
  });
  it('recognises roles', () => {
    expect(isRole('observer')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});

import { canInviteRole } from './roles.js';
describe('canInviteRole', () => {
  it('lets coordinators invite observers but not administrators', () => {
    expect(canInviteRole('coordinator', 'observer')).toBe(true);
    expect(canInviteRole('coordinator', 'admin')).toBe(false);
    expect(canInviteRole('admin', 'admin')).toBe(true);
    expect(canInviteRole('observer', 'observer')).toBe(false);
  });
});
