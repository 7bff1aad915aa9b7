import { getIndicator } from '../figures/taxonomy.js';
import { expandProvince, mergedInto } from '../ingest/provinces.js';
import type { CorpusStore, StoredDocument, StoredPassage } from '../store/corpusStore.js';
import type { LexicalHit, LexicalScope, LexicalTerm } from '../store/lexicalIndex.js';
import { canonical, fold } from '../text/normalize.js';
import { futureContexts } from '../text/tense.js';
import type { Embedder } from './embedder.js';
import { fuseRanks, type FusedHit } from './fusion.js';
import type { ParsedQuery } from './query.js';
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
      const passage = store.passage(hit.passageId);
      if (!passage) continue;
      const document = store.document(passage.docId)!;
      const periodFactor = periodBoost(document, query);
      if (!reachable(hit.score * periodFactor * 1.5)) continue;
      if (!reachable(hit.score * periodFactor * (0.5 + coverageCeiling(store, passage, query, weights)))) continue;
      const coverage = coverageOf(store, passage, query, weights);
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

/**
 * The asked provinces' documents (a merged post-2025 name brings its old
 * provinces); all documents when the question names no province.
 */
/** The year the 2025 provincial merger took effect. */
export const MERGER_YEAR = 2025;

export function scopeDocuments(
  all: StoredDocument[],
  query: ParsedQuery,
): { documents: StoredDocument[]; missing: string[] } {
  if (query.provinces.length === 0) return { documents: all, missing: [] };
  const documents: StoredDocument[] = [];
  const missing: string[] = [];
  for (const province of query.provinces) {
    // A name in force both before and after July 2025 (Thái Nguyên) means its own reports first;
    // a merged name with no report of its own leads to the provinces merged into it.
    const own = all.filter((d) => d.province === province);
    const found = own.length > 0 ? own : all.filter((d) => d.province && expandProvince(province).includes(d.province));
    // A province merged away in 2025 (Long An) is reported on since by the unit that took it in (Tây Ninh).
    const unit = mergedInto(province);
    if (unit && unit !== province) {
      for (const d of all) if (d.province === unit && (d.year ?? 0) >= MERGER_YEAR && !found.includes(d)) found.push(d);
    }
    if (found.length === 0) missing.push(province);
    for (const d of found) if (!documents.includes(d)) documents.push(d);
  }
  return { documents, missing };
}

function periodBoost(document: StoredDocument, query: ParsedQuery): number {
  const period = query.period;
  if (!period) return 1;
  if (period.key && document.periodKey === period.key) return PERIOD_BOOST;
  if (period.year && document.year === period.year) return (PERIOD_BOOST + 1) / 2;
  return OTHER_PERIOD_PENALTY;
}

/** A syllable in more than this share of passages is searched only inside phrases. */
const COMMON_SHARE = 0.2;

/**
 * What one lexical search may cost, in postings read. The index reads what it takes to find each
 * term across the whole corpus, whatever the scope (bm25 counts the passages holding a term
 * corpus-wide; see `TermStats.postings`), then scores every passage of the scope that holds a term,
 * about `ROW_COST` postings' worth each. Past the budget the terms that say least for their cost
 * are left out: at national scale `lao động` (in half the passages) adds little to a ranking and
 * most of its cost. A corpus of a few thousand passages never reaches it (the labelled sets retrieve
 * the same with or without it). On 300k synthetic passages a province's search takes about 5 ms
 * (30 ms with every term), and 36 of the 39 development questions get the answer they get with every
 * term; 60,000 took 3 ms for 31 of 39, 400,000 12 ms for 39.
 */
export const SEARCH_BUDGET = 150_000;

/** What scoring one matching passage costs, in postings read (measured: ~1 µs against ~40 ns). */
const ROW_COST = 25;

/**
 * The terms and phrases a lexical search asks for: content syllables (common
 * ones only inside phrases), adjacent pairs as phrases (so `hộ nghèo` outranks
 * `hộ` and `nghèo` far apart), the phrases of the indicators the question names
 * (so `XKLĐ` finds `đi làm việc ở nước ngoài`), and with accents the accented
 * forms. `share` is the part of the corpus the search is scoped to (0–1): it
 * scales the passages scored, not the postings read.
 */
export function lexicalTerms(store: CorpusStore, query: ParsedQuery, share = 1, budget = SEARCH_BUDGET): LexicalTerm[] {
  const common = commonTerms(store, query);
  const terms: LexicalTerm[] = [];
  const seen = new Set<string>();
  const push = (text: string, accented: boolean) => {
    const key = `${accented ? 'a' : 'f'}:${text}`;
    if (text && !seen.has(key)) {
      seen.add(key);
      terms.push({ text, accented });
    }
  };
  for (const t of query.terms) if (!common.has(t)) push(t, false);
  for (const p of query.pairs) push(p, false);
  for (const hit of query.indicators.slice(0, 2)) {
    const indicator = getIndicator(hit.id);
    for (const term of [...(indicator?.terms ?? []), ...(indicator?.abbreviations ?? [])]) {
      push(
        fold(term)
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
        false,
      );
    }
  }
  if (query.accentedTerms.length) {
    for (const t of query.accentedTerms) if (!common.has(fold(t))) push(t, true);
    const words = canonical(query.question)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    for (let i = 0; i + 1 < words.length; i++) {
      if (query.accentedTerms.includes(words[i]!) && query.accentedTerms.includes(words[i + 1]!)) {
        push(`${words[i]} ${words[i + 1]}`, true);
      }
    }
  }
  return withinBudget(store, terms, share, budget);
}

/**
 * The terms a search can afford: all of them when they fit the budget, else those that say
 * most for what they cost (rarity, as bm25 weighs it, per posting read), while they fit; the best
 * of them always. A long phrase of common syllables is rare but dear; a rare pair says as much for
 * a fraction of it.
 */
function withinBudget(store: CorpusStore, all: LexicalTerm[], share: number, budget: number): LexicalTerm[] {
  const stats = store.termStats(all.map((t) => t.text));
  const docs = (t: LexicalTerm) => stats.get(t.text)?.docs ?? 0;
  // A term no passage holds adds nothing to any score, only a lookup to every search.
  const terms = all.filter((t) => docs(t) > 0);
  if (terms.length <= 1) return terms;
  const cost = (t: LexicalTerm) => (stats.get(t.text)?.postings ?? 0) + docs(t) * share * ROW_COST;
  if (terms.reduce((sum, t) => sum + cost(t), 0) <= budget) return terms;
  const total = Math.max(store.passageCount(), 1);
  const worth = (t: LexicalTerm) => Math.log(1 + total / docs(t)) / cost(t);
  const byWorth = [...terms].sort((a, b) => worth(b) - worth(a));
  const kept = new Set<LexicalTerm>();
  let spent = 0;
  for (const t of byWorth) {
    if (kept.size > 0 && spent + cost(t) > budget) continue;
    kept.add(t);
    spent += cost(t);
  }
  return terms.filter((t) => kept.has(t));
}

/** The lexical candidates the retriever fuses: inside the asked provinces, best first. */
export function searchLexical(store: CorpusStore, query: ParsedQuery, depth = 50): LexicalHit[] {
  const all = store.documents();
  const { documents } = scopeDocuments(all, query);
  if (documents.length === 0) return [];
  return searchScope(store, query, documents, documents.length < all.length, depth);
}

/**
 * Lexical candidates inside the asked provinces (when `scoped`) and, when a
 * year is asked, also inside that year: at national scale the asked year's
 * passages would otherwise drown among the same words of other years.
 */
function searchScope(
  store: CorpusStore,
  query: ParsedQuery,
  documents: StoredDocument[],
  scoped: boolean,
  depth: number,
): LexicalHit[] {
  const total = Math.max(store.passageCount(), 1);
  const inScope = scoped ? documents.reduce((n, d) => n + d.passages, 0) : total;
  const terms = lexicalTerms(store, query, Math.min(1, inScope / total));
  if (terms.length === 0) return [];
  const scope: LexicalScope = {};
  if (scoped) {
    const provinces = [...new Set(documents.map((d) => d.province).filter((p): p is string => p !== null))];
    scope.provinces = provinces;
  }
  const year = query.period?.year;
  if (!year) return store.lexical.search({ terms, scope, limit: depth });
  return withYear(store, terms, scope, scoped, year, depth);
}

/**
 * The best `depth` hits of the scope and the best `depth` of the asked year's reports, merged. Inside
 * a province every hit of the scope comes back from one pass (the term budget bounds how many) and
 * the year's are picked from it; over the whole country, where that would be thousands, a second
 * search asks for the year's.
 */
function withYear(
  store: CorpusStore,
  terms: LexicalTerm[],
  scope: LexicalScope,
  scoped: boolean,
  year: number,
  depth: number,
): LexicalHit[] {
  const hits = store.lexical.search({ terms, scope, limit: scoped ? EVERY_HIT : depth });
  // Fewer hits than asked for are every passage of the scope holding a term: the year's are among them.
  if (hits.length < depth) return hits;
  const ofYear = scoped
    ? hits.filter((h) => store.document(store.docIdOf(h.passageId) ?? 0)?.year === year)
    : store.lexical.search({ terms, scope: { ...scope, years: [year] }, limit: depth });
  const merged = new Map(hits.slice(0, depth).map((h) => [h.passageId, h]));
  for (const h of ofYear.slice(0, depth)) if (!merged.has(h.passageId)) merged.set(h.passageId, h);
  return [...merged.values()].sort((a, b) => b.score - a.score);
}

/**
 * The passages a comparison ranks for each group of documents (one province's reports): every
 * passage of a group that has at most `perGroup`, else its best `perGroup` lexical hits. One search
 * serves every group, so a comparison of all provinces costs one pass over the index, not one a
 * province. Each group's passages come in the order they stand in its reports.
 */
export function comparablePassages(
  store: CorpusStore,
  query: ParsedQuery,
  groups: StoredDocument[][],
  perGroup: number,
): StoredPassage[][] {
  const size = (group: StoredDocument[]) => group.reduce((n, d) => n + d.passages, 0);
  const large = groups.filter((g) => size(g) > perGroup);
  const hits = large.length > 0 ? searchProvincesOf(store, query, large.flat()) : [];
  return groups.map((group) => {
    const all = () => group.flatMap((d) => store.passagesOfDocument(d.id));
    if (size(group) <= perGroup) return all();
    const order = new Map(group.map((d, i) => [d.id, i]));
    const picked: StoredPassage[] = [];
    for (const hit of hits) {
      if (picked.length >= perGroup) break;
      const docId = store.docIdOf(hit.passageId);
      if (docId === undefined || !order.has(docId)) continue;
      const passage = store.passage(hit.passageId);
      if (passage) picked.push(passage);
    }
    return picked.sort((a, b) => order.get(a.docId)! - order.get(b.docId)! || a.n - b.n);
  });
}

/** Every lexical hit in the provinces of `documents`, best first (the term budget bounds how many). */
function searchProvincesOf(store: CorpusStore, query: ParsedQuery, documents: StoredDocument[]): LexicalHit[] {
  const provinces = new Set(documents.map((d) => d.province));
  const all = store.documents();
  const inScope = all.filter((d) => provinces.has(d.province));
  const total = Math.max(store.passageCount(), 1);
  const share = Math.min(1, inScope.reduce((n, d) => n + d.passages, 0) / total);
  const terms = lexicalTerms(store, query, share);
  if (terms.length === 0) return [];
  const scope: LexicalScope =
    inScope.length < all.length ? { provinces: [...provinces].filter((p): p is string => p !== null) } : {};
  return store.lexical.search({ terms, scope, limit: EVERY_HIT });
}

/** A search limit no scope within the term budget reaches. */
const EVERY_HIT = 1_000_000;

/**
 * Syllables so common (`lao`, `dong`, `nguoi`) that searching them alone reads
 * most of the index for little signal; they still count inside phrases
 * (`lao dong`). The rarest term is always kept, so a query never goes empty.
 */
function commonTerms(store: CorpusStore, query: ParsedQuery): Set<string> {
  const total = store.passageCount();
  if (total < 200 || query.terms.length === 0) return new Set();
  const df = store.termDocFreq(query.terms);
  const common = query.terms.filter((t) => (df.get(t) ?? 0) / total > COMMON_SHARE);
  if (common.length === query.terms.length) {
    const rarest = [...common].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0];
    return new Set(common.filter((t) => t !== rarest));
  }
  return new Set(common);
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
