import type { StoredFigure } from '../store/corpusStore.js';
import type { RankedPassage } from '../search/retriever.js';
import type { ParsedQuery } from '../search/query.js';
import { fold } from '../text/normalize.js';
import { figureWindow, isFutureContext, passageFullText } from './figureContext.js';

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

/** Unit classes the question's unit cues name. */
const UNIT_CLASS: Record<string, string[]> = {
  '%': ['%'],
  'đồng': ['đồng'],
  'người': ['người', 'lượt người', 'lao động', 'người lao động', 'đối tượng', 'học viên', 'trẻ em', 'nhân khẩu', 'khẩu', 'lượt', 'trường hợp'],
  'hộ': ['hộ'],
  'kg': ['kg'],
  'tấn': ['tấn'],
  'căn': ['căn', 'nhà', 'nhà ở', 'căn nhà'],
  'quà': ['suất quà', 'phần quà', 'quà'],
  'vụ': ['vụ'],
  'học viên': ['học viên'],
  'thẻ': ['thẻ'],
  'hồ sơ': ['hồ sơ'],
  'lượt': ['lượt', 'lượt người'],
};

const CHANGE_ASKED = /\b(tang|giam) (bao nhieu|may|them)\b|\bmuc giam\b|\bmuc tang\b|\bso voi\b|\bincrease|\bdecrease|\bchange/;

export function unitMatches(figure: { unit: string | null; kind: string }, cue: string): boolean {
  if (cue === '%') return figure.unit === '%' || figure.kind === 'percent';
  if (cue === 'đồng') return figure.kind === 'money' || figure.unit === 'đồng';
  return (UNIT_CLASS[cue] ?? [cue]).includes(figure.unit ?? '');
}

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
  const scored: ScoredFigure[] = [];
  for (const result of results) {
    const figures = figuresOf(result.passage.id);
    const text = passageFullText(result.passage);
    figures.forEach((figure, index) => {
      const window = figureWindow(text, figures, index);
      const context = ` ${fold(`${window.before} ${window.after} ${result.passage.heading ?? ''}`).replace(/[^a-z0-9]+/g, ' ')} `;
      const before = ` ${fold(window.before).replace(/[^a-z0-9]+/g, ' ')} `;
      const termScore = weightedShare(query.terms, context, before, weights);
      const pairBonus = query.pairs.filter((p) => context.includes(` ${p} `)).length * 0.08;
      const indicatorRank = figure.indicator ? indicatorIds.indexOf(figure.indicator) : -1;
      const indicatorMatch = indicatorRank >= 0;
      let score = termScore * 2 + Math.min(pairBonus, 0.4) + 0.4 * (result.score / top);
      if (indicatorIds.length > 0) score += indicatorRank === 0 ? 1.2 : indicatorMatch ? 0.6 : -0.2;
      if (query.units.length > 0) score += query.units.some((u) => unitMatches(figure, u)) ? 0.5 : -0.3;
      if (query.units.includes('%') && figure.kind !== 'percent' && !figure.percentOfPlan) score -= 0.4;
      if (figure.kind === 'change' && !changeAsked) score -= 0.5;
      if (figure.kind === 'rank') score -= 0.3;
      if (figure.unit === null && figure.kind === 'count') score -= 0.3;
      const future = isFutureContext(text, figure.start, result.document.year);
      if (future) score -= 1;
      scored.push({ figure, result, score, termScore, indicatorMatch, future, context });
    });
  }
  return scored.sort((a, b) => b.score - a.score);
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
  const otherUnits = query.units.filter((u) => !unitMatches(primary.figure, u) && u !== 'người' && u !== 'hộ');
  for (const unit of otherUnits) {
    const best = samePassage.find((s) => unitMatches(s.figure, unit) && s.termScore > 0.2);
    if (best && !picked.includes(best)) picked.push(best);
  }
  // Words of the question found near another figure but not near the primary one.
  const missing = query.terms.filter((t) => !primary.context.includes(` ${t} `));
  if (missing.length > 0 && primaryUnits.length > 0) {
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
      (s) => s.figure.kind === 'percent' && /\bke hoach\b|\bkh\b/.test(s.context) && Math.abs(s.figure.start - primary.figure.end) < 120,
    );
    if (plan && !picked.includes(plan)) picked.push(plan);
  }
  return picked.slice(0, 2);
}
