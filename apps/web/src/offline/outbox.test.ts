import { describe, expect, it } from 'vitest';
import { applyResults, backoffMs, planEnqueue, selectBatch, syncStateOf, toCommand } from './outbox';
import type { OutboxEntry } from './types';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const NOW = '2026-11-22T06:00:00.000Z';

function entry(p: Partial<OutboxEntry> & Pick<OutboxEntry, 'seq' | 'recordId'>): OutboxEntry {
  return {
    commandId: id(), type: 'eviction.save', table: 'evictions', record: { id: p.recordId }, baseVersion: null, frozen: false,
    state: 'queued', attempts: 0, error: null, serverVersion: null, createdAt: NOW, lastAttemptAt: null, ...p,
  };
}

describe('planEnqueue', () => {
  it('appends a first command with a fresh commandId', () => {
    const plan = planEnqueue([], { type: 'eviction.save', table: 'evictions', recordId: 'e1', record: { a: 1 } }, () => 'cmd-1', NOW);
    expect(plan.kind).toBe('add');
    expect(plan.entry.commandId).toBe('cmd-1');
    expect(plan.entry.state).toBe('queued');
  });

  it('coalesces into a save never sent, keeping its commandId', () => {
    const prev = entry({ seq: 1, recordId: 'e1', commandId: 'keep-me' });
    const plan = planEnqueue([prev], { type: 'eviction.save', table: 'evictions', recordId: 'e1', record: { a: 2 } }, () => 'new', NOW);
    expect(plan).toMatchObject({ kind: 'replace', entry: { seq: 1, commandId: 'keep-me', record: { a: 2 } } });
  });

  it('never rewrites a command that was already sent (its id is bound to its content)', () => {
    const sent = entry({ seq: 1, recordId: 'e1', commandId: 'sent', attempts: 1, frozen: true });
    const plan = planEnqueue([sent], { type: 'eviction.save', table: 'evictions', recordId: 'e1', record: { a: 2 } }, () => 'new', NOW);
    expect(plan).toMatchObject({ kind: 'add', entry: { commandId: 'new' } });
  });

  it('replaces a rejected command by the fixed one, with a new id, without dropping it', () => {
    const rejected = entry({ seq: 3, recordId: 'e1', state: 'rejected', attempts: 1, frozen: true, error: { code: 'validation', message: 'Heure invalide' } });
    const plan = planEnqueue([rejected], { type: 'eviction.save', table: 'evictions', recordId: 'e1', record: { fixed: true } }, () => 'fixed-id', NOW);
    expect(plan).toMatchObject({ kind: 'replace', entry: { seq: 3, commandId: 'fixed-id', state: 'queued', error: null, record: { fixed: true }, frozen: false } });
  });
});

describe('selectBatch', () => {
  const versions = (v: Record<string, number>) => (_t: string, rid: string) => v[rid] ?? null;

  it('keeps order and stops at a second command for the same record', () => {
    const q = [entry({ seq: 1, recordId: 'op', type: 'operation.save', table: 'operations' }), entry({ seq: 2, recordId: 'e1' }), entry({ seq: 3, recordId: 'e1', type: 'eviction.submit' }), entry({ seq: 4, recordId: 'e2' })];
    expect(selectBatch(q, versions({})).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('freezes the base version on first sending and never changes it afterwards', () => {
    const [first] = selectBatch([entry({ seq: 1, recordId: 'e1' })], versions({ e1: 4 }));
    expect(first).toMatchObject({ frozen: true, baseVersion: 4 });
    const [again] = selectBatch([first!], versions({ e1: 9 }));
    expect(again!.baseVersion).toBe(4);
    expect(toCommand(again!)).toMatchObject({ commandId: first!.commandId, baseVersion: 4 });
  });

  it('holds back records waiting for the observer (rejected / conflict) but not the others', () => {
    const q = [entry({ seq: 1, recordId: 'e1', state: 'rejected' }), entry({ seq: 2, recordId: 'e1', type: 'eviction.submit' }), entry({ seq: 3, recordId: 'e2' })];
    expect(selectBatch(q, versions({})).map((e) => e.seq)).toEqual([3]);
  });

  it('caps the batch at 200 commands', () => {
    const q = Array.from({ length: 250 }, (_, i) => entry({ seq: i + 1, recordId: `r${i}` }));
    expect(selectBatch(q, versions({}))).toHaveLength(200);
  });
});

describe('applyResults', () => {
  const batch = [entry({ seq: 1, recordId: 'a', commandId: 'c1' }), entry({ seq: 2, recordId: 'b', commandId: 'c2' }), entry({ seq: 3, recordId: 'c', commandId: 'c3' }), entry({ seq: 4, recordId: 'd', commandId: 'c4' }), entry({ seq: 5, recordId: 'e', commandId: 'c5' })];
  const plan = applyResults(batch, [
    { commandId: 'c1', status: 'applied', version: 1, error: null },
    { commandId: 'c2', status: 'replayed', version: 3, error: null },
    { commandId: 'c3', status: 'conflict', version: 7, error: { code: 'sync.conflict', message: 'Modifié entre-temps' } },
    { commandId: 'c4', status: 'rejected', version: null, error: { code: 'validation.failed', message: "L'heure d'arrivée est dans le futur." } },
  ], NOW);

  it('removes applied and replayed commands and records the new version', () => {
    expect(plan.remove.map((e) => e.commandId)).toEqual(['c1', 'c2']);
    expect(plan.records).toContainEqual({ table: 'evictions', id: 'a', version: 1 });
    expect(plan.records).toContainEqual({ table: 'evictions', id: 'b', version: 3 });
  });

  it('keeps conflicts with the server version, rejections with the server message, and unanswered commands', () => {
    const kept = Object.fromEntries(plan.keep.map((e) => [e.commandId, e]));
    expect(kept.c3).toMatchObject({ state: 'conflict', serverVersion: 7, attempts: 1 });
    expect(kept.c4).toMatchObject({ state: 'rejected', error: { message: "L'heure d'arrivée est dans le futur." } });
    expect(kept.c5).toMatchObject({ state: 'queued', attempts: 1, commandId: 'c5' });
    expect(plan.keep.length + plan.remove.length).toBe(batch.length);
  });
});

describe('syncStateOf / backoff', () => {
  it('derives the record badge from its waiting commands', () => {
    expect(syncStateOf([])).toEqual({ state: 'synced', error: null });
    expect(syncStateOf([entry({ seq: 1, recordId: 'a' })]).state).toBe('pending');
    expect(syncStateOf([entry({ seq: 1, recordId: 'a', state: 'rejected', error: { code: 'x', message: 'Non' } })])).toEqual({ state: 'rejected', error: 'Non' });
    expect(syncStateOf([entry({ seq: 1, recordId: 'a', state: 'rejected' }), entry({ seq: 2, recordId: 'a', state: 'conflict' })]).state).toBe('conflict');
  });

  it('backs off exponentially up to five minutes', () => {
    expect(backoffMs(1, () => 0.5)).toBe(5_000);
    expect(backoffMs(3, () => 0.5)).toBe(20_000);
    expect(backoffMs(30, () => 0.5)).toBe(300_000);
  });
});
