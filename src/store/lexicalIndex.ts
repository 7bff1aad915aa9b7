/**
 * The full-text index behind lexical search, as the rest of the project sees
 * it: terms and phrases in, ranked passages out. No query syntax crosses this
 * interface, so another engine is one new implementation of it.
 */

/** One syllable (`ngheo`) or a phrase of adjacent syllables separated by spaces (`ho ngheo`). */
export interface LexicalTerm {
  text: string;
  /**
   * Accented (canonical form, `hộ nghèo`): matched against the accented text only, so
   * `bệnh viện` does not meet `bệnh, tật`. Otherwise accent-free (fold form).
   */
  accented?: boolean;
}

/** Passages a search may return; every field given narrows it (provinces OR'd, years OR'd). */
export interface LexicalScope {
  /** Official province names. */
  provinces?: string[];
  years?: number[];
  docIds?: number[];
}

export interface LexicalQuery {
  /** A passage matches when it holds any of these; more of them, rarer, ranks higher. */
  terms: LexicalTerm[];
  scope?: LexicalScope;
  limit: number;
}

export interface LexicalHit {
  passageId: number;
  /** Relevance (bm25 turned positive): higher is better; comparable within one index. */
  score: number;
}

/** What the index holds of a passage. */
export interface LexicalPassage {
  id: number;
  docId: number;
  province: string | null;
  year: number | null;
  heading: string | null;
  /** Body and footnotes. */
  body: string;
}

/** How common a term is, and what finding it costs a search. */
export interface TermStats {
  /** Passages holding it (for a phrase, an upper bound: see `docFreq`). */
  docs: number;
  /**
   * Postings a search reads to find it across the corpus, whatever the scope: a syllable or
   * pair its passages; a longer phrase more, from the lists of the syllable pairs it is made of.
   */
  postings: number;
}

export interface LexicalIndex {
  /** Indexes passages (inside the caller's transaction when there is one). */
  add(passages: LexicalPassage[]): void;
  remove(passageIds: number[]): void;
  search(query: LexicalQuery): LexicalHit[];
  /**
   * Passages holding each term or phrase (accent-free, or canonical accented forms).
   * A phrase of more than two syllables is counted by its rarest adjacent pair, an upper bound.
   */
  docFreq(terms: string[]): Map<string, number>;
  /** `docFreq` with the cost of finding each term, so that a caller can keep a search within a budget. */
  termStats(terms: string[]): Map<string, TermStats>;
}
