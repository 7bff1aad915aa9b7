import type { CorpusStore, StoredDocument, StoredPassage } from '../store/corpusStore.js';
import { fold } from '../text/normalize.js';
import { futureContexts } from '../text/tense.js';
import type { Embedder } from './embedder.js';
import { fuseRanks, type FusedHit } from './fusion.js';
import { searchScope } from './lexicalSearch.js';
import type { ParsedQuery } from './query.js';
import { scopeDocuments } from './scope.js';
import type { VectorIndex } from './vectorIndex.js';

export interface RankedPassage {
  passage: StoredPassage;
  document: StoredDocument;
  /** Fused score (reciprocal rank, boosted for the asked period). Higher is better. */
  score: number;
  lexicalRank: number | null;
  vectorRank: number | null;
  lexicalScore: number | null;
  vectorScore: number | null;
  /** Share of the question's content words (rarity-weighted) the passage holds, 0–1. */
  coverage: number;
}

export interface Retrieval {
  mode: 'lexical' | 'hybrid';
  results: RankedPassage[];
  /** Provinces the question names that no report covers. */
  missingProvinces: string[];
  /** Documents searched (the asked provinces', or all). */
  documents: StoredDocument[];
}

export interface Retriever {
  readonly mode: 'lexical' | 'hybrid';
  retrieve(query: ParsedQuery, options?: { limit?: number }): Promise<Retrieval>;
}

export interface RetrieverOptions {
  store: CorpusStore;
  embedder?: Embedder | null;
  vectors?: VectorIndex | null;
  /** Candidates each retriever contributes before fusion. */
  depth?: number;
}

const PLAN_PENALTY = 0.4;

/** How much a passage of the asked period gains over one of another period. */
const PERIOD_BOOST = 1.5;
const OTHER_PERIOD_PENALTY = 0.7;

/** Rescoring multiplies a fused score by at most this: the asked period, no plans, every word found. */
const MAX_RESCORE = PERIOD_BOOST * 1 * (0.5 + 1);

/** Plan shares remembered per passage id (an id is never reused, so a share never goes stale). */
const PLAN_SHARE_CACHE_SIZE = 20_000;

export function createRetriever({ store, embedder = null, vectors = null, depth = 50 }: RetrieverOptions): Retriever {
  const mode = embedder && vectors ? 'hybrid' : 'lexical';
  const planShares = new Map<number, number>();

  async function retrieve(query: ParsedQuery, options: { limit?: number } = {}): Promise<Retrieval> {
    const limit = options.limit ?? 10;
    const all = store.documents();
    const { documents, missing } = scopeDocuments(all, query);
    const docIds = documents.length < all.length ? documents.map((d) => d.id) : undefined;
    if (documents.length === 0) return { mode, results: [], missingProvinces: missing, documents };

    const lexical = searchScope(store, query, documents, docIds !== undefined, depth);
    let vector: { passageId: number; score: number }[] = [];
    if (embedder && vectors) {
      const [queryVector] = await embedder.embed([query.searchText], 'query');
      vector = vectorSearch(store, vectors, queryVector!, depth, docIds).map((h) => ({
        passageId: h.label,
        score: h.score,
      }));
    }
    const results = rescore(fuseRanks([lexical, vector]), query, Math.max(limit, 5));
    return { mode, results, missingProvinces: missing, documents };
  }

  /**
   * The best `keep` fused hits once rescored for the asked period, plans and the question's words
   * found. Hits are taken best fused score first, and the walk stops when no later one could reach
   * the last kept (rescoring multiplies by at most `MAX_RESCORE`): however large the corpus, only
   * the passages that could rank are read and scored.
   */
  function rescore(fused: FusedHit[], query: ParsedQuery, keep: number): RankedPassage[] {
    const weights = termWeights(store, query);
    const best: RankedPassage[] = [];
    const last = () => (best.length < keep ? -Infinity : best[keep - 1]!.score);
    // A hair of slack, so that rounding in the products never stops the walk too early.
    const reachable = (bound: number) => bound * (1 + 1e-9) >= last();
    for (const hit of fused) {
      if (!reachable(hit.score * MAX_RESCORE)) break;
      // The period needs only the document, known without reading the passage (a read from disk at scale).
      const document = store.document(store.docIdOf(hit.passageId) ?? 0);
      if (!document) continue;
      const periodFactor = periodBoost(document, query);
      if (!reachable(hit.score * periodFactor * 1.5)) continue;
      const passage = store.passage(hit.passageId);
      if (!passage) continue;
      if (!reachable(hit.score * periodFactor * (0.5 + coverageCeiling(store, passage, query, weights)))) continue;
      const coverage = coverageOf(store, passage, query, weights);
      if (!reachable(hit.score * periodFactor * (0.5 + coverage))) continue;
      // A passage of plans (`Nhiệm vụ năm 2024: phấn đấu …`) answers less than one of results.
      const planFactor = 1 - PLAN_PENALTY * planShare(passage, document);
      insertRanked(best, keep, {
        passage,
        document,
        score: hit.score * periodFactor * planFactor * (0.5 + coverage),
        lexicalRank: hit.ranks[0] ?? null,
        vectorRank: hit.ranks[1] ?? null,
        lexicalScore: hit.scores[0] ?? null,
        vectorScore: hit.scores[1] ?? null,
        coverage,
      });
    }
    return best;
  }

  /** Share of a passage's figures that are plans or targets rather than results. */
  function planShare(passage: StoredPassage, document: StoredDocument): number {
    const cached = planShares.get(passage.id);
    if (cached !== undefined) return cached;
    const starts = store.figureStarts(passage.id);
    const text = passage.footnotes ? `${passage.text}\n${passage.footnotes}` : passage.text;
    const share = starts.length > 0 ? futureContexts(text, starts, document.year) / starts.length : 0;
    if (planShares.size >= PLAN_SHARE_CACHE_SIZE) planShares.delete(planShares.keys().next().value!);
    planShares.set(passage.id, share);
    return share;
  }

  return { mode, retrieve };
}

/** Puts `entry` into `ranked` (best first, at most `keep`) after every entry scoring as much: ties keep their order. */
function insertRanked(ranked: RankedPassage[], keep: number, entry: RankedPassage): void {
  let at = ranked.length;
  while (at > 0 && ranked[at - 1]!.score < entry.score) at--;
  if (at >= keep) return;
  ranked.splice(at, 0, entry);
  if (ranked.length > keep) ranked.pop();
}

/**
 * Below this many passages in scope, a scoped vector search is exact over the
 * scope's vectors (0.3 µs a vector); above it the scope is a large share of
 * the corpus, and a filter inside the graph walk rejects little. Measured at
 * 300k passages: 22k in scope 8 ms exact against 24 ms filtered, 46k 13 against
 * 14, 89k 31 against 10.
 */
export const EXACT_SCOPE_MAX = 40_000;

/**
 * Nearest passages inside the asked documents. A graph walk with a filter
 * visits the whole neighbourhood and rejects what is out of scope: with one
 * province of 63 in scope it reads far more than the province holds.
 */
export function vectorSearch(
  store: CorpusStore,
  vectors: VectorIndex,
  queryVector: Float32Array,
  depth: number,
  docIds: number[] | undefined,
): { label: number; score: number }[] {
  if (!docIds) return vectors.search(queryVector, depth);
  const labels = store.passageIdsOfDocuments(docIds);
  if (labels.length <= EXACT_SCOPE_MAX) return vectors.searchAmong(queryVector, depth, labels);
  const allowed = new Set(docIds);
  return vectors.search(queryVector, depth, (label) => allowedPassage(store, label, allowed));
}

function allowedPassage(store: CorpusStore, label: number, docIds: Set<number>): boolean {
  const docId = store.docIdOf(label);
  return docId !== undefined && docIds.has(docId);
}

function periodBoost(document: StoredDocument, query: ParsedQuery): number {
  const period = query.period;
  if (!period) return 1;
  if (period.key && document.periodKey === period.key) return PERIOD_BOOST;
  if (period.year && document.year === period.year) return (PERIOD_BOOST + 1) / 2;
  return OTHER_PERIOD_PENALTY;
}

/** Rarer words weigh more: a word in every passage says nothing about relevance. */
export function termWeights(store: CorpusStore, query: ParsedQuery): Map<string, number> {
  const total = Math.max(store.passageCount(), 1);
  const weights = new Map<string, number>();
  for (const [term, df] of store.termDocFreq(query.terms)) weights.set(term, Math.log(1 + total / (1 + df)));
  return weights;
}

/** Rarity-weighted share of content terms found; accented terms must match with accents. */
function coverageOf(
  store: CorpusStore,
  passage: StoredPassage,
  query: ParsedQuery,
  weights: Map<string, number>,
  accents = true,
): number {
  if (query.terms.length === 0) return 0;
  const keys = store.passageKeys(passage);
  const accentedByFold = accents ? new Map(query.accentedTerms.map((t) => [fold(t), t])) : new Map<string, string>();
  let found = 0;
  let total = 0;
  for (const term of query.terms) {
    const weight = weights.get(term) ?? 1;
    total += weight;
    const accentedTerm = accentedByFold.get(term);
    // An accented word stands in the accented form only where its accent-free form stands too.
    const hit = keys.folded.includes(` ${term} `) && (!accentedTerm || keys.canonical.includes(` ${accentedTerm} `));
    if (hit) found += weight;
  }
  return total > 0 ? found / total : 0;
}

/** `coverageOf` with accents ignored: at least the coverage, and it needs no accented words. */
function coverageCeiling(
  store: CorpusStore,
  passage: StoredPassage,
  query: ParsedQuery,
  weights: Map<string, number>,
): number {
  return coverageOf(store, passage, query, weights, false);
}
