import { getIndicator } from '../figures/taxonomy.js';
import type { CorpusStore, StoredDocument, StoredPassage } from '../store/corpusStore.js';
import type { LexicalHit, LexicalScope, LexicalTerm } from '../store/lexicalIndex.js';
import { canonical, fold } from '../text/normalize.js';
import type { ParsedQuery } from './query.js';
import { scopeDocuments } from './scope.js';

/*
 * Lexical search: the terms a question asks the index for, kept within what a search may cost at
 * national scale, and the searches the retriever and comparisons run with them.
 */

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
export function searchScope(
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
