import { describe, expect, it } from 'vitest';
import { versionSentences, type Wording } from './historySentences';

/** The one history wording, used by every record type: lists of notes and plain-text notes, own status words. */
const wording = (status: (c: string) => string): Wording => ({
  locale: 'fr', field: (f) => ({ notes: 'Remarques', status: 'Statut' } as Record<string, string>)[f] ?? null, term: (_k, c) => c,
  words: {
    empty: 'non renseigné', yes: 'oui', no: 'non', seized: '{{label}} saisis', destroyed: '{{label}} détruits', noteAdded: 'Note ajoutée :',
    changed: 'Modification', created: 'Créée', merged: '{{count}} fusionnés', status, coverage: (c) => c, interpreter: (c) => c,
  },
});
const by = (name: string) => `, par ${name}`;
const version = (changes: Array<{ field: string; before: unknown; after: unknown }>) =>
  ({ version: 2, changedAt: '2024-04-30T09:20:00Z', changedBy: { id: 'u', displayName: 'Noor' }, changes }) as Parameters<typeof versionSentences>[0];

describe('history sentences for every record', () => {
  it('words an eviction\'s notes per note added, and an operation\'s plain-text remarks as a change', () => {
    const w = wording((c) => c);
    expect(versionSentences(version([{ field: 'notes', before: [], after: [{ text: 'Pluie' }] }]), w, by)).toEqual(['Note ajoutée : « Pluie », par Noor']);
    expect(versionSentences(version([{ field: 'notes', before: null, after: 'Brouillard' }]), w, by)).toEqual(['Remarques : non renseigné → Brouillard, par Noor']);
  });

  it('lets a record bring its own status words (a legal case is not an eviction)', () => {
    const w = wording((c) => ({ preparing: 'En préparation', filed: 'Déposé' } as Record<string, string>)[c] ?? c);
    expect(versionSentences(version([{ field: 'status', before: 'preparing', after: 'filed' }]), w, by)).toEqual(['Statut : En préparation → Déposé, par Noor']);
  });
});
