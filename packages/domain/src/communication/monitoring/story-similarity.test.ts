import { describe, expect, it } from 'vitest';
import { findStory, jaccard, minhashSignature, shingles, signatureSimilarity, storyIndex, STORY_THRESHOLD } from './story-similarity.js';

// A wire story, two outlets' lightly edited copies of it, and two other articles on the same subject.
const WIRE = `Calais : nouvelle expulsion d'un campement de personnes exilées. Mardi matin, les forces de l'ordre ont procédé à l'expulsion
d'un lieu de vie situé près de l'hôpital de Calais. Selon les Human Rights Observers, au moins 40 tentes ont été saisies et une
centaine de personnes ont dû quitter les lieux. L'opération a commencé vers 8 heures et s'est achevée en fin de matinée. Les
associations dénoncent des expulsions répétées, presque quotidiennes, qui épuisent les personnes et les empêchent de se reposer.
La préfecture du Pas-de-Calais évoque une opération de mise à l'abri et indique que des places en centre d'accueil ont été proposées.`;
const COPY_1 = `Calais: nouvelle expulsion d'un campement d'exilés. Mardi matin, les forces de l'ordre ont procédé à l'expulsion
d'un lieu de vie situé près de l'hôpital de Calais. Selon les Human Rights Observers, au moins 40 tentes ont été saisies et une
centaine de personnes ont dû quitter les lieux. L'opération a commencé vers 8 heures. Les associations dénoncent des expulsions
répétées, presque quotidiennes, qui épuisent les personnes. La préfecture du Pas-de-Calais évoque une opération de mise à l'abri et
indique que des places en centre d'accueil ont été proposées. (avec AFP)`;
const COPY_2 = `EXPULSION À CALAIS — Mardi matin, les forces de l'ordre ont procédé à l'expulsion d'un lieu de vie situé près de l'hôpital
de Calais, rapporte l'AFP. Selon les Human Rights Observers, au moins 40 tentes ont été saisies et une centaine de personnes ont dû
quitter les lieux. Les associations dénoncent des expulsions répétées qui épuisent les personnes et les empêchent de se reposer. La
préfecture du Pas-de-Calais évoque une opération de mise à l'abri.`;
const OTHER_1 = `À Calais, les associations d'aide aux exilés tirent la sonnette d'alarme sur l'accès à l'eau. Depuis la fermeture de
plusieurs points d'eau cet automne, les personnes exilées doivent marcher plus d'une heure. La mairie de Calais assure que de nouveaux
robinets seront installés au printemps. Les Human Rights Observers rappellent que les expulsions se poursuivent.`;
const OTHER_2 = `Grande-Synthe : la préfecture du Nord annonce l'ouverture d'un nouveau centre d'accueil. Selon la préfecture, 200 places
seront disponibles dès janvier pour les personnes exilées du littoral. Les associations saluent une annonce mais rappellent que les
expulsions de campements continuent à Calais comme à Grande-Synthe.`;

describe('story grouping', () => {
  const sig = (t: string) => minhashSignature(t);

  it('scores reworded copies of one story high and different articles on the same subject low', () => {
    const exact = (a: string, b: string) => jaccard(shingles(a), shingles(b));
    // Measured values (exact Jaccard of word 3-shingles), kept here as the reason for the threshold.
    expect(exact(WIRE, COPY_1)).toBeGreaterThan(0.5);
    expect(exact(WIRE, COPY_2)).toBeGreaterThan(STORY_THRESHOLD);
    expect(exact(WIRE, OTHER_1)).toBeLessThan(0.1);
    expect(exact(WIRE, OTHER_2)).toBeLessThan(0.1);
    expect(exact(OTHER_1, OTHER_2)).toBeLessThan(0.1);
  });

  it('estimates the similarity from the 64-value signature close to the exact value', () => {
    for (const [a, b] of [[WIRE, COPY_1], [WIRE, COPY_2], [WIRE, OTHER_1]] as const) {
      const exact = jaccard(shingles(a), shingles(b));
      expect(Math.abs(signatureSimilarity(sig(a), sig(b)) - exact)).toBeLessThan(0.2);
    }
    expect(signatureSimilarity(sig(WIRE), sig(WIRE))).toBe(1);
  });

  it('puts each copy with the wire story and leaves the other articles alone', () => {
    const earlier = [{ id: 'wire', signature: sig(WIRE) }, { id: 'water', signature: sig(OTHER_1) }];
    expect(findStory(sig(COPY_1), earlier)?.id).toBe('wire');
    expect(findStory(sig(COPY_2), earlier)?.id).toBe('wire');
    expect(findStory(sig(OTHER_2), earlier)).toBeNull();
    expect(findStory([], earlier)).toBeNull();
  });

  it('finds through the index the same story as comparing with every earlier clipping, the latest on a tie', () => {
    // Cut-down and reworded variants of the five articles: near-duplicates at every similarity.
    const texts = [WIRE, COPY_1, COPY_2, OTHER_1, OTHER_2].flatMap((t, k) => [t, ...[3, 5, 8].map((n) => t.split(' ').filter((_, i) => (i + k) % n !== 0).join(' '))]);
    const earlier = texts.map((t, i) => ({ id: `c${i}`, signature: sig(t) }));
    earlier.push({ id: 'wire-again', signature: sig(WIRE) }, { id: 'empty', signature: [] });
    const index = storyIndex<(typeof earlier)[number]>();
    for (const e of earlier) index.add(e);
    for (const t of [...texts, 'Un tout autre article sur la météo des plages du littoral.']) {
      expect(index.best(sig(t))?.candidate.id ?? null).toBe(findStory(sig(t), earlier)?.id ?? null);
    }
    expect(index.best(sig(WIRE))).toEqual({ candidate: earlier.at(-2), similarity: 1 });
    expect(index.best([])).toBeNull();
  });
});
