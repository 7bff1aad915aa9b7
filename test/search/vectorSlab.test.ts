import { describe, expect, test } from 'vitest';
import { VectorSlab } from '../../src/search/vectorSlab.js';

/** Seeded, so a failing case fails the same way every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function vectors(count: number, dim: number, seed: number): Float32Array[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dim }, next));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

describe('VectorSlab', () => {
  // 16 dimensions run in the SIMD kernel, 6 in the plain loop; 5,000 labels fill more than one batch.
  test.each([16, 6])('nearest among labels is exact cosine, in %i dimensions', (dim) => {
    const slab = new VectorSlab(dim);
    const stored = vectors(5000, dim, dim);
    // Labels from 1, one far beyond the dense range, one removed and one replaced.
    const labels = stored.map((_, i) => (i === 4999 ? 2 ** 30 : i + 1));
    labels.forEach((label, i) => slab.set(label, stored[i]!));
    slab.remove(7);
    const replaced = vectors(1, dim, 99)[0]!;
    slab.set(8, replaced);
    stored[7] = replaced;

    const query = vectors(1, dim, 1)[0]!;
    const among = [...labels, 123_456];
    const exact = labels
      .map((label, i) => ({ label, score: cosine(query, stored[i]!) }))
      .filter((h) => h.label !== 7)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const hits = slab.nearest(query, 10, among);
    expect(hits.map((h) => h.label)).toEqual(exact.map((h) => h.label));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i]!.score, 5));
  });

  test('labels not held, and an empty slab, give nothing', () => {
    const slab = new VectorSlab(8);
    const query = vectors(1, 8, 2)[0]!;
    expect(slab.nearest(query, 5, [1, 2, 3])).toEqual([]);
    slab.set(2, vectors(1, 8, 3)[0]!);
    expect(slab.nearest(query, 5, [1, 3]).map((h) => h.label)).toEqual([]);
    expect(slab.nearest(query, 5, [2]).map((h) => h.label)).toEqual([2]);
  });
});
