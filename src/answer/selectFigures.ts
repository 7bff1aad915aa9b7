import type { Figure } from '../figures/types.js';
import type { StoredFigure, StoredPassage } from '../store/corpusStore.js';
import type { RankedPassage } from '../search/retriever.js';
import type { ParsedQuery } from '../search/query.js';
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { isFutureContext } from '../text/tense.js';
import { figureWindow } from '../figures/evidence.js';
import { passageFullText } from './figureContext.js';
import { indicatorAffinity, unitMatches } from './indicatorMatch.js';

export { relatedIndicator, unitMatches } from './indicatorMatch.js';

export interface ScoredFigure {
  figure: StoredFigure;
  result: RankedPassage;
  score: number;
  /** Rarity-weighted share of the question's words found around the figure. */
  termScore: number;
  indicatorMatch: boolean;
  future: boolean;
  /** Folded words around the figure, for picking companions. */
  context: string;
}

const CHANGE_ASKED =
  /\b(tang|giam) (duoc |tu |them )?(bao nhieu|may|them)\b|\bxuong (con )?bao nhieu\b|\bmuc giam\b|\bmuc tang\b|\bso voi\b|\bincrease|\bdecrease|\bchange|\bfrom\b.*\bto\b/;
/** `giảm từ bao nhiêu xuống bao nhiêu`: the from–to change is the answer. */
const FROM_TO_ASKED = /\btu bao nhieu\b|\bxuong (con )?bao nhieu\b|\bfrom what\b/;

/**
 * Scores every figure of the retrieved passages against the question: the
 * indicator it measures, the question's words around it, its unit, the
 * passage's rank, and whether it is a result or a plan.
 */
export function scoreFigures(
  query: ParsedQuery,
  results: RankedPassage[],
  figuresOf: (passageId: number) => StoredFigure[],
  weights: Map<string, number>,
): ScoredFigure[] {
  const top = results[0]?.score ?? 1;
  const indicatorIds = query.indicators.map((i) => i.id);
  const changeAsked = CHANGE_ASKED.test(fold(query.searchText));
  const fromToAsked = FROM_TO_ASKED.test(fold(query.searchText));
  const scored: ScoredFigure[] = [];
  for (const result of results) {
    for (const f of featuresOf(result, figuresOf)) {
      const figure = f.figure;
      // The clause around the figure counts most; the rest of its sentence a little.
      const termScore =
        0.8 * weightedShare(query.terms, f.context, f.before, weights) +
        0.2 * weightedShare(query.terms, f.sentence, f.sentence, weights);
      const pairBonus = query.pairs.filter((p) => f.context.includes(` ${p} `)).length * 0.08;
      const affinity = indicatorAffinity(figure.indicator, query.indicators);
      const indicatorMatch = affinity > 0;
      let score = termScore * 2 + Math.min(pairBonus, 0.4) + 0.4 * (result.score / top);
      if (indicatorIds.length > 0) score += indicatorMatch ? affinity : -0.2;
      if (query.units.length > 0) {
        const matched = query.units.some((u) => unitMatches(figure, u));
        // `tỷ lệ`, `bao nhiêu tiền`, `bao nhiêu hộ`, `xếp thứ mấy` say what kind of number is wanted.
        score += matched ? 0.5 : -0.7;
      }
      // `giảm từ 5,53% xuống còn 4,07%` states the level reached; other changes answer only change questions.
      if (figure.kind === 'change' && figure.from === undefined && !changeAsked) score -= 0.5;
      if (figure.kind === 'change' && figure.from !== undefined && fromToAsked) score += 0.6;
      // `giảm bao nhiêu hộ`: the amount of the change is the answer, not the level reached.
      if (changeAsked && !fromToAsked) score += figure.kind === 'change' ? 0.5 : -0.2;
      if (figure.kind === 'rank' && !query.units.includes('rank')) score -= 0.3;
      if (f.breakdown) score -= 0.4;
      // A bare number (`cao đẳng: 19`, a restated `(40.512/40.000)`) is a detail, not the headline figure.
      if (figure.unit === null && figure.kind !== 'percent' && figure.kind !== 'rank') score -= 0.3;
      if (f.future) score -= 1;
      scored.push({ figure, result, score, termScore, indicatorMatch, future: f.future, context: f.context });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}

/** What a figure's surroundings say, independent of the question; computed once per passage. */
interface FigureFeatures {
  figure: StoredFigure;
  /** Folded words of the clause around the figure, space-padded. */
  context: string;
  before: string;
  sentence: string;
  future: boolean;
  breakdown: boolean;
}

const FEATURE_CACHE = new WeakMap<StoredPassage, FigureFeatures[]>();

function featuresOf(result: RankedPassage, figuresOf: (passageId: number) => StoredFigure[]): FigureFeatures[] {
  const cached = FEATURE_CACHE.get(result.passage);
  if (cached) return cached;
  const figures = figuresOf(result.passage.id);
  const text = passageFullText(result.passage);
  const sentences = splitSentences(text);
  // Ages (`trẻ em dưới 6 tuổi: 89.139 người`) describe the figure after them; they do not end its context.
  const anchors = figures.filter((f) => !ATTRIBUTE_UNITS.has(f.unit ?? ''));
  const features = figures.map((figure, index) => {
    const anchorIndex = anchors.indexOf(figure);
    const window = anchorIndex >= 0 ? figureWindow(text, anchors, anchorIndex) : figureWindow(text, figures, index);
    const sentence = sentences.find((x) => x.start <= figure.start && x.end >= figure.end);
    // The unit is part of what the figure counts: `101.384 trẻ em` is about children.
    const unitWords = figure.unitText && !/^[\d.,\s]*$/.test(figure.unitText) ? figure.unitText : '';
    const context = words(`${window.before} ${unitWords} ${window.after}`);
    return {
      figure,
      context,
      before: words(window.before),
      sentence: sentence ? words(text.slice(sentence.start, sentence.end)) : context,
      // A table cell's column says whether it is a plan; prose is judged by its words.
      future: figure.table ? figure.table.role === 'plan' : isFutureContext(text, figure.start, result.document.year),
      breakdown: isBreakdown(text, sentence?.start ?? 0, figures, index),
    };
  });
  FEATURE_CACHE.set(result.passage, features);
  return features;
}

/** Folded words, space-separated and space-padded, for ` term ` lookups. */
function words(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}

const ATTRIBUTE_UNITS = new Set(['tuổi', 'tháng', 'năm']);

/**
 * `8 phiên …, trong đó có 05 phiên …, 02 phiên`: figures after `trong đó` that
 * share the unit of a figure before it are a breakdown of that total.
 */
function isBreakdown(text: string, sentenceStart: number, figures: readonly Figure[], index: number): boolean {
  const figure = figures[index]!;
  const head = fold(text.slice(sentenceStart, figure.start));
  const at = Math.max(head.lastIndexOf('trong do'), head.lastIndexOf('bao gom'));
  if (at < 0) return false;
  const splitAt = sentenceStart + at;
  return figures.some((f, i) => i < index && f.start >= sentenceStart && f.end <= splitAt && f.unit === figure.unit);
}

/** Share of query terms (rarity-weighted) in the context; words before the figure count fully, after it 70%. */
function weightedShare(terms: string[], context: string, before: string, weights: Map<string, number>): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const w = weights.get(term) ?? 1;
    total += w;
    if (before.includes(` ${term} `)) found += w;
    else if (context.includes(` ${term} `)) found += 0.7 * w;
  }
  return total > 0 ? found / total : 0;
}

/**
 * Figures that answer the rest of a question asking two things: another unit
 * (`bao nhiêu nhà … và tổng kinh phí`), or the same unit for another action
 * (`xây mới và sửa chữa bao nhiêu căn`), taken from the primary's passage.
 */
export function companions(query: ParsedQuery, primary: ScoredFigure, scored: ScoredFigure[]): ScoredFigure[] {
  const samePassage = scored.filter(
    (s) => s.result.passage.id === primary.result.passage.id && s.figure.id !== primary.figure.id && !s.future,
  );
  const picked: ScoredFigure[] = [];
  const primaryUnits = query.units.filter((u) => unitMatches(primary.figure, u));
  const joinsTwo = /\s(và|hoặc|and|va)\s|,/.test(query.question);
  const otherUnits = joinsTwo ? query.units.filter((u) => !unitMatches(primary.figure, u)) : [];
  for (const unit of otherUnits) {
    const best = samePassage.find((s) => unitMatches(s.figure, unit) && s.termScore > 0.2);
    if (best && !picked.includes(best)) picked.push(best);
  }
  // Words of the question found near another figure but not near the primary one, when the
  // question joins two asks (`xây mới và sửa chữa bao nhiêu căn`).
  const missing = query.terms.filter((t) => !primary.context.includes(` ${t} `));
  if (joinsTwo && missing.length > 0 && primaryUnits.length > 0) {
    const best = samePassage.find(
      (s) =>
        primaryUnits.some((u) => unitMatches(s.figure, u)) &&
        missing.some((t) => s.context.includes(` ${t} `)) &&
        s.figure.kind !== 'change' &&
        s.score > primary.score * 0.5,
    );
    if (best && !picked.includes(best)) picked.push(best);
  }
  if (query.wantsPlanPercent && !primary.figure.percentOfPlanText) {
    const plan = samePassage.find(
      (s) =>
        s.figure.kind === 'percent' &&
        /\bke hoach\b|\bkh\b/.test(s.context) &&
        Math.abs(s.figure.start - primary.figure.end) < 120,
    );
    if (plan && !picked.includes(plan)) picked.push(plan);
  }
  return picked.slice(0, 2);
}
