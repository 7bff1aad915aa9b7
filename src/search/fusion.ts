export interface ScoredHit {
  passageId: number;
  score: number;
}

export interface FusedHit {
  passageId: number;
  score: number;
  /** Rank (1-based) each retriever gave, by position of the list; undefined when it did not return it. */
  ranks: (number | undefined)[];
  scores: (number | undefined)[];
}

/**
 * Weighted fusion of score lists. Each list is scaled to 0–1 by its own best
 * score (bm25 and cosine live on different scales), then the weighted sum is
 * taken. Unlike reciprocal rank, this keeps how far ahead the best lexical hit
 * is, which matters on small corpora where ranks 1 and 2 can be far apart.
 * `weights` default to equal; an empty list drops out and the others carry.
 */
export function fuseRanks(lists: ScoredHit[][], weights: number[] = lists.map(() => 1)): FusedHit[] {
  const active = lists.map((l) => l.length > 0);
  const weightSum = weights.reduce((sum, w, i) => sum + (active[i] ? w : 0), 0) || 1;
  const fused = new Map<number, FusedHit>();
  lists.forEach((list, li) => {
    if (list.length === 0) return;
    const best = Math.max(...list.map((h) => h.score));
    const worst = Math.min(...list.map((h) => h.score));
    // Cosine scores bunch together; spread them over the range seen in this list.
    const span = li === 0 ? best : best - worst;
    list.forEach((hit, rank) => {
      const entry =
        fused.get(hit.passageId) ??
        ({
          passageId: hit.passageId,
          score: 0,
          ranks: lists.map(() => undefined),
          scores: lists.map(() => undefined),
        } as FusedHit);
      const scaled = span > 0 ? (li === 0 ? hit.score / span : (hit.score - worst) / span) : 1;
      entry.score += (weights[li]! / weightSum) * scaled;
      entry.ranks[li] = rank + 1;
      entry.scores[li] = hit.score;
      fused.set(hit.passageId, entry);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
