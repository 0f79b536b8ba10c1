import { describe, expect, it } from 'vitest';
import { fullCollection } from '../src/platform/full-collection.js';

describe('full garbage collection during a long export', () => {
  it('runs without --expose-gc, frees dead memory and puts no gc on the global object', async () => {
    let dead: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `ligne ${i};${'x'.repeat(64)}`);
    const ref = new WeakRef(dead);
    dead = undefined;
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    fullCollection();
    expect(ref.deref()).toBeUndefined();
    expect('gc' in globalThis).toBe(false);
  });
});
