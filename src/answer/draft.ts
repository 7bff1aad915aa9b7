import type { Retrieval } from '../search/retriever.js';
import type { ParsedQuery } from '../search/query.js';
import type { CorpusStore, StoredFigure } from '../store/corpusStore.js';
import type { CitationList } from './citations.js';
import type { RankerModel } from './rankFigures.js';
import type { AnswerFigure, AnswerKind, Confidence, Verdict } from './schema.js';
import type { Lang } from './texts.js';

/** What each kind of reply hands back before it becomes an `Answer`. */
export interface Draft {
  kind: AnswerKind;
  verdict: Verdict | null;
  /** Lines of the answer body, in order. */
  lines: string[];
  citations: CitationList;
  figures: AnswerFigure[];
  computed: { text: string; formula: string }[];
  /** Replaces the sources list (an abstain lists the reports held instead). */
  sourcesText?: string;
  /** How sure the engine is of the figure it states; an abstain and a fact-check set their own. */
  confidence?: Confidence;
}

export interface ComposeContext {
  query: ParsedQuery;
  retrieval: Retrieval;
  lang: Lang;
  store: CorpusStore;
  figuresOf: (passageId: number) => StoredFigure[];
  /** Rarity weight of each query term. */
  weights: Map<string, number>;
  /** The fitted figure ranker. */
  ranker: RankerModel;
}
