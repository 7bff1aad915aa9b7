import { splitAsks, type Ask } from '../search/asks.js';
import type { ParsedQuery } from '../search/query.js';
import type { RankedPassage } from '../search/retriever.js';
import type { StoredFigure } from '../store/corpusStore.js';
import type { Candidate } from './figureFeatures.js';
import { candidatesOf, rankForAsk, type RankedCandidate, type RankerModel } from './rankFigures.js';

/** One part of a question with its ranked figures. */
export interface AskRanking {
  ask: Ask;
  ranked: RankedCandidate[];
  /** The percent of plan asked is the one attached to the previous part's figure (`đạt 102,2% kế hoạch`). */
  attached: boolean;
}

export interface PickOptions {
  /** Which ranked figure the next part's `same_sentence` feature looks back to; the top one by default. */
  choose?: (ranking: AskRanking, index: number) => Candidate | null;
}

/** Splits the question into its parts and ranks the retrieved figures for each. */
export function rankAsks(
  query: ParsedQuery,
  results: readonly RankedPassage[],
  figuresOf: (id: number) => StoredFigure[],
  weights: Map<string, number>,
  model: RankerModel,
  options: PickOptions = {},
): AskRanking[] {
  const candidates = candidatesOf(results, figuresOf);
  const topScore = results[0]?.score ?? 1;
  const rankings: AskRanking[] = [];
  let previous: Candidate | null = null;
  for (const ask of splitAsks(query)) {
    const attached: boolean = ask.role === 'plan_percent' && previous?.figure.percentOfPlanText !== undefined;
    const ranked: RankedCandidate[] = attached
      ? []
      : rankForAsk(ask, candidates, { weights, topScore, previous }, model);
    const ranking: AskRanking = { ask, ranked, attached };
    rankings.push(ranking);
    const chosen: Candidate | null = options.choose
      ? options.choose(ranking, rankings.length - 1)
      : (ranked[0] ?? null);
    if (chosen) previous = chosen;
  }
  return rankings;
}
