import { describe, expect, it } from 'vitest';
import { databaseNameFor, parseOwner } from './owner';

describe('phone owner', () => {
  it('gives each observer a database of their own', () => {
    const a = databaseNameFor('00000000-0000-4000-8000-00000000000a');
    const b = databaseNameFor('00000000-0000-4000-8000-00000000000b');
    expect(a).not.toBe(b);
    expect(a).toBe('vigie-field-00000000-0000-4000-8000-00000000000a');
  });

  it('reads the stored owner, and treats a damaged or missing one as nobody signed in', () => {
    expect(parseOwner(JSON.stringify({ id: 'u1', displayName: 'Sacha', permissions: ['field.record', 3] }))).toEqual({ id: 'u1', displayName: 'Sacha', permissions: ['field.record'] });
    expect(parseOwner(null)).toBeNull();
    expect(parseOwner('{not json')).toBeNull();
    expect(parseOwner(JSON.stringify({ id: '', displayName: 'x', permissions: [] }))).toBeNull();
    expect(parseOwner(JSON.stringify({ displayName: 'x' }))).toBeNull();
  });
});
