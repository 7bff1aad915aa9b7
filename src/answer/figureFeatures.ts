import type { FigureEvidence } from '../figures/types.js';
import type { Ask } from '../search/asks.js';
import type { RankedPassage } from '../search/retriever.js';
import type { StoredFigure } from '../store/corpusStore.js';
import { indicatorAffinity, relatedIndicator, unitMatches } from './indicatorMatch.js';

/**
 * The features of one figure as the answer to one part of a question. Every
 * feature is a number in about [0, 1]; the ranker's weights
 * (`figureRanker.json`, fitted by `npm run fit`) turn them into a score. The
 * one-line meaning of each is printed beside its weight by the fit.
 */
export const FEATURES = {
  label_terms: "share of the part's words (rarity-weighted) in the figure's own clause before it",
  subject_terms: 'share of the words in the clause the figure carries on from (`X còn A, giảm B`)',
  after_terms: "share of the part's words in the clause after the figure",
  sentence_terms: "share of the part's words anywhere in the figure's sentence",
  matched_weight:
    'how much the words found around the figure say: their rarity weights summed, a tenth, at most 1 (a vague question finds little)',
  pairs: "share of the part's adjacent word pairs found around the figure",
  passage_score: "the passage's retrieval score over the best passage's",
  passage_first: 'the figure stands in the best-ranked passage',
  indicator: 'how well the indicator the figure measures fits the asked one (same 1.2, narrower 0.9, broader 0.6)',
  indicator_other: 'the part names an indicator and the figure measures an unrelated one',
  unit: 'the part names a unit and the figure has it',
  unit_other: 'the part names a count unit and the figure counts something else (`hồ sơ` asked, `người` given)',
  role_match: 'the figure is the kind of number asked: a level, a change, a percent of plan, a ratio to a period',
  change_unasked: 'the figure is a change, and a level is asked',
  breakdown: 'the figure is a part of a total before it (`trong đó`, `bao gồm`)',
  bare: 'the figure has no unit and is no percent (`cao đẳng: 19`)',
  period_own: "the figure's clause names the asked period",
  period_document: "the figure's clause names no period and the report is of the asked period",
  baseline: 'the clause compares with an earlier period (`so với cùng kỳ`)',
  national: 'the figure is the country’s (`cả nước`), not the province’s',
  forecast: 'the figure is an estimate or forecast (`ước`, `dự kiến`)',
  cumulative_asked: 'a running total is asked (`lũy kế`) and the figure is one',
  cumulative_unasked: 'the figure is a running total and none is asked',
  same_sentence: 'the figure stands in the sentence of the figure picked for the part before',
  same_passage: 'the figure stands in the passage of the figure picked for the part before',
  first_in_sentence: 'the figure is the first of its sentence',
  label_best: "no other eligible figure's clause holds more of the part's words",
  sentence_best: "no other eligible figure's sentence holds more of the part's words",
  indicator_best: 'no other eligible figure fits the asked indicator better',
} as const;

/** Features that compare a figure with the other eligible ones; `rankForAsk` sets them. */
export const RELATIVE_FEATURES = [
  ['label_best', 'label_terms'],
  ['sentence_best', 'sentence_terms'],
  ['indicator_best', 'indicator'],
] as const satisfies readonly (readonly [FeatureName, FeatureName])[];

export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

export interface Candidate {
  figure: StoredFigure;
  evidence: FigureEvidence;
  result: RankedPassage;
  /** Rank of its passage, 0-based. */
  rank: number;
  /** Folded words of its sentence, space-padded. */
  sentence: string;
  /** Index of the figure among its sentence's figures. */
  inSentence: number;
  breakdown: boolean;
}

export interface FeatureContext {
  weights: Map<string, number>;
  topScore: number;
  /** The candidate picked for the previous part of the question, for `follows` parts. */
  previous: Candidate | null;
}

export function featuresOf(ask: Ask, c: Candidate, ctx: FeatureContext): Record<FeatureName, number> {
  const e = c.evidence;
  const affinity = indicatorAffinity(c.figure.indicator, ask.indicators);
  const indicatorOther =
    ask.indicators.length > 0 &&
    c.figure.indicator !== null &&
    !ask.indicators.some((i) => relatedIndicator(c.figure.indicator!, i.id));
  const around = `${e.label}${e.after}`;
  const period = ask.period;
  const ownPeriodYear = e.period ? Number(e.period.slice(-4)) : null;
  return {
    label_terms: share(ask.terms, e.label, ctx.weights),
    subject_terms: share(ask.terms, e.subject, ctx.weights),
    after_terms: share(ask.terms, e.after, ctx.weights),
    sentence_terms: share(ask.terms, c.sentence, ctx.weights),
    matched_weight: Math.min(1, found(ask.terms, c.sentence, ctx.weights) / 10),
    pairs: ask.pairs.length > 0 ? ask.pairs.filter((p) => around.includes(` ${p} `)).length / ask.pairs.length : 0,
    passage_score: ctx.topScore > 0 ? c.result.score / ctx.topScore : 0,
    passage_first: c.rank === 0 ? 1 : 0,
    indicator: affinity,
    indicator_other: indicatorOther ? 1 : 0,
    unit: ask.units.length > 0 && ask.units.some((u) => unitMatches(c.figure, u)) ? 1 : 0,
    unit_other:
      ask.units.length > 0 && c.figure.unit !== null && !ask.units.some((u) => unitMatches(c.figure, u)) ? 1 : 0,
    role_match: roleFits(ask, e) ? 1 : 0,
    change_unasked: e.role === 'change' && ask.role !== 'change' ? 1 : 0,
    breakdown: c.breakdown ? 1 : 0,
    bare: c.figure.unit === null && c.figure.kind !== 'percent' && c.figure.kind !== 'rank' ? 1 : 0,
    period_own:
      period?.key && (e.period === period.key || (period.kind === 'year' && ownPeriodYear === period.year)) ? 1 : 0,
    period_document: period?.key && e.period === null && c.result.document.periodKey === period.key ? 1 : 0,
    baseline: e.baseline ? 1 : 0,
    national: e.national ? 1 : 0,
    forecast: e.status === 'forecast' ? 1 : 0,
    cumulative_asked: ask.cumulative && e.status === 'cumulative' ? 1 : 0,
    cumulative_unasked: !ask.cumulative && e.status === 'cumulative' ? 1 : 0,
    same_sentence:
      ctx.previous &&
      ctx.previous.result.passage.id === c.result.passage.id &&
      ctx.previous.evidence.sentence === e.sentence
        ? 1
        : 0,
    same_passage: ctx.previous && ctx.previous.result.passage.id === c.result.passage.id ? 1 : 0,
    first_in_sentence: c.inSentence === 0 ? 1 : 0,
    label_best: 0,
    sentence_best: 0,
    indicator_best: 0,
  };
}

function roleFits(ask: Ask, e: FigureEvidence): boolean {
  switch (ask.role) {
    case 'level':
      return e.role === 'level' || e.role === 'share';
    case 'change':
      return e.role === 'change';
    case 'plan_percent':
      return e.role === 'plan_percent';
    case 'baseline_ratio':
      return e.role === 'baseline_ratio' || e.role === 'change';
  }
}

/** Rarity weights of the `terms` found in a space-padded folded text, summed. */
function found(terms: readonly string[], text: string, weights: Map<string, number>): number {
  let sum = 0;
  for (const term of terms) if (text.includes(` ${term} `)) sum += weights.get(term) ?? 1;
  return sum;
}

/** Rarity-weighted share of `terms` found in a space-padded folded text. */
function share(terms: readonly string[], text: string, weights: Map<string, number>): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const w = weights.get(term) ?? 1;
    total += w;
    if (text.includes(` ${term} `)) found += w;
  }
  return total > 0 ? found / total : 0;
}
