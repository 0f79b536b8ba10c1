import { describe, expect, it } from 'vitest';
import { evictionFromView, mergePulled, operationFromView } from './merge';
import { emptyCounts } from '@vigie/domain/rules';
import type { EvictionView, LocalEviction } from './types';

const view: EvictionView = {
  id: 'e1', operationId: 'o1', siteId: 's1', arrivedAt: '2026-11-22T06:10:00.000Z', leftAt: null, coverage: 'full', quick: false,
  counts: emptyCounts(), seized: [], destroyed: [], legalBasisText: null, legalBasisCategory: null, interpreter: 'unknown',
  bailiff: null, cleaningCompany: null, socialAssessment: null, shelterOffered: null, foodDistribution: null, peopleMovingBack: null,
  forces: [], notes: [], version: 3, status: 'verified', rejectionReason: null, date: '2026-11-22', updatedAt: '2026-11-22T08:00:00Z',
  createdBy: 'u1', mergedInto: null,
};

describe('pull merge', () => {
  it('strips server-only fields so the record can be sent back as is', () => {
    const local = evictionFromView(view);
    expect(Object.keys(local.record)).not.toContain('version');
    expect(Object.keys(local.record)).not.toContain('createdBy');
    expect(local).toMatchObject({ version: 3, status: 'verified', syncState: 'synced', operationId: 'o1' });
  });

  it('takes the server version when nothing is waiting locally', () => {
    const local = { ...evictionFromView({ ...view, version: 2, status: 'submitted' }) };
    expect(mergePulled(local, evictionFromView(view), false)?.status).toBe('verified');
  });

  it('never overwrites a record with commands still in the outbox or in conflict', () => {
    const local: LocalEviction = { ...evictionFromView({ ...view, version: 2 }), syncState: 'pending' };
    expect(mergePulled(local, evictionFromView(view), true)).toBeNull();
    expect(mergePulled({ ...local, syncState: 'conflict' }, evictionFromView(view), false)).toBeNull();
  });

  it('ignores an older server version', () => {
    const local = evictionFromView({ ...view, version: 5 });
    expect(mergePulled(local, evictionFromView(view), false)).toBeNull();
  });

  it('keeps local-only helpers (suggestions) across a pull', () => {
    const local: LocalEviction = { ...evictionFromView(view), suggestions: { counts: { women: { n: 2, atLeast: true } }, seized: [], destroyed: [] } };
    expect(evictionFromView({ ...view, version: 4 }, local).suggestions).toEqual(local.suggestions);
  });

  it('maps operations too', () => {
    const op = operationFromView({ id: 'o1', areaId: 'a1', startedAt: view.arrivedAt, endedAt: null, operationType: null, officerInCharge: null, authoritiesPresent: null, weatherAlert: null, observerIds: [], notes: null, version: 1, updatedAt: view.updatedAt, date: '2026-11-22', createdBy: 'u1' });
    expect(op.record).not.toHaveProperty('version');
  });
});
