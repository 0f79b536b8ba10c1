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
  it('lets coordinators, administrators and the board lend equipment and keys, not volunteers', () => {
    expect(ROLES.filter((r) => can(r, 'house.manage')).sort()).toEqual(['admin', 'board', 'coordinator']);
    expect(ROLES.filter((r) => can(r, 'meetings.manage')).sort()).toEqual(['admin', 'board', 'coordinator']);
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

import fc from 'fast-check';
import { PERMISSIONS, normaliseRoles, permissionsOf } from './roles.js';
describe('several roles per person', () => {
  const roleSets = fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: ROLES.length });
  it('grants exactly the union of the roles\' permissions', () => {
    fc.assert(fc.property(roleSets, (roles) => {
      for (const p of PERMISSIONS) expect(can(roles, p)).toBe(roles.some((r) => PERMISSION_TABLE[r].includes(p)));
      expect(new Set(permissionsOf(roles))).toEqual(new Set(roles.flatMap((r) => PERMISSION_TABLE[r])));
    }));
  });
  it('a communication lead who also observes may record in the field and publish, not read identities', () => {
    expect(can(['comms', 'observer'], 'field.record')).toBe(true);
    expect(can(['comms', 'observer'], 'comms.publish')).toBe(true);
    expect(can(['comms', 'observer'], 'identities.read')).toBe(false);
    expect(can([], 'dashboard.view')).toBe(false);
  });
  it('normalises a stored list: known roles, once each, order kept', () => {
    expect(normaliseRoles(['comms', 'observer', 'comms', 'root'])).toEqual(['comms', 'observer']);
  });
  it('lets a board member who also coordinates invite, as the coordinator role allows', () => {
    expect(canInviteRole(['board', 'coordinator'], 'observer')).toBe(true);
    expect(canInviteRole(['board', 'volunteer'], 'observer')).toBe(false);
  });
});
