import { randomBytes } from 'node:crypto';
import type { Answer, Citation } from '../answer/schema.js';

/** What the buttons under one answer need once the answer itself is gone from memory. */
export interface CachedAnswer {
  question: string;
  answerText: string;
  lang: Answer['lang'];
  citations: Citation[];
  /** Retrieved passages beyond the cited ones, best first (`Kết quả khác`). */
  others: Array<{ passage_id: string; doc: string; text: string }>;
  /** Hashed user ids that already voted, so a double tap is stored once. */
  voters: Set<string>;
}

export interface AnswerCache {
  put(entry: CachedAnswer): string;
  get(id: string): CachedAnswer | undefined;
  readonly size: number;
}

/** Longest passage text kept for `Kết quả khác`; the full passage comes from the engine. */
const OTHER_TEXT_CHARS = 600;
const OTHERS_KEPT = 12;

/** Keeps what an answer's buttons need, for the most recent `capacity` answers. */
export function createAnswerCache(capacity = 2000): AnswerCache {
  // A Map iterates in insertion order: re-inserting on read makes the first key the least recent.
  const entries = new Map<string, CachedAnswer>();
  return {
    put(entry) {
      // Random ids, not a counter: a button from before a restart must not open another answer.
      const id = randomBytes(6).toString('base64url');
      entries.set(id, {
        ...entry,
        others: entry.others.slice(0, OTHERS_KEPT).map((o) => ({ ...o, text: o.text.slice(0, OTHER_TEXT_CHARS) })),
      });
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return id;
    },
    get(id) {
      const entry = entries.get(id);
      if (entry) {
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    get size() {
      return entries.size;
    },
  };
}

/** Candidates that are not already cited, in retrieval order, one per passage. */
export function otherCandidates(answer: Answer): CachedAnswer['others'] {
  const cited = new Set(answer.citations.map((c) => c.passage_id));
  const seen = new Set<string>();
  return answer.retrieval.candidates.filter((c) => {
    if (cited.has(c.passage_id) || seen.has(c.passage_id)) return false;
    seen.add(c.passage_id);
    return true;
  });
}
