import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { figureEvidence, folded } from '../figures/evidence.js';
import type { Figure } from '../figures/types.js';
import type { Ask } from '../search/asks.js';
import type { QueryPeriod } from '../search/query.js';
import type { RankedPassage } from '../search/retriever.js';
import type { StoredFigure } from '../store/corpusStore.js';
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { passageFullText } from './figureContext.js';
import {
  FEATURE_NAMES,
  featuresOf,
  RELATIVE_FEATURES,
  type Candidate,
  type FeatureContext,
  type FeatureName,
} from './figureFeatures.js';
import { countedKind, cueClass, unitClassOf } from './indicatorMatch.js';

/**
 * Picks the figure that answers one part of a question. Hard facts filter
 * first (the asked unit, the period, a plan versus a result, no ages or
 * durations); a linear model fitted on labelled questions (`npm run fit`)
 * ranks what is left, and its probability is the answer's confidence.
 */

export const RankerModelSchema = z.object({
  version: z.literal(1),
  features: z.array(z.string()),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** Below this probability the top figure is not stated as the answer: the closest passages are shown. */
  answer_threshold: z.number().min(0).max(1),
  fitted_on: z.array(z.string()),
});
export type RankerModel = z.infer<typeof RankerModelSchema>;

const MODEL_FILE = new URL('./figureRanker.json', import.meta.url);

/** The fitted ranker shipped with the code. */
export function loadRankerModel(path: URL | string = MODEL_FILE): RankerModel {
  const parsed = RankerModelSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`figure ranker ${String(path)}: ${parsed.error.issues[0]?.message}`);
  const missing = FEATURE_NAMES.filter((f) => !(f in parsed.data.weights));
  if (missing.length > 0)
    throw new Error(`figure ranker ${String(path)} lacks weights for ${missing.join(', ')}; run npm run fit`);
  return parsed.data;
}

export interface RankedCandidate extends Candidate {
  features: Record<FeatureName, number>;
  score: number;
  probability: number;
}

/** Ages, durations and the like describe a figure; they never answer. */
const ATTRIBUTE_UNITS = new Set(['tuổi', 'tháng', 'năm', 'ngày', 'giờ']);

/** Every figure of the retrieved passages with its evidence; a passage stored before evidence gets it computed. */
export function candidatesOf(
  results: readonly RankedPassage[],
  figuresOf: (id: number) => StoredFigure[],
): Candidate[] {
  const out: Candidate[] = [];
  results.forEach((result, rank) => {
    const figures = figuresOf(result.passage.id);
    if (figures.length === 0) return;
    const text = passageFullText(result.passage);
    const evidence = figures.every((f) => f.evidence)
      ? figures.map((f) => f.evidence!)
      : figureEvidence(text, figures, { reportYear: result.document.year });
    const sentences = splitSentences(text);
    const seen = new Map<number, number>();
    figures.forEach((figure, i) => {
      const e = evidence[i]!;
      const span = sentences[e.sentence];
      const inSentence = seen.get(e.sentence) ?? 0;
      seen.set(e.sentence, inSentence + 1);
      out.push({
        figure,
        evidence: e,
        result,
        rank,
        sentence: span ? folded(text.slice(span.start, span.end)) : e.label,
        inSentence,
        breakdown: isBreakdown(text, span?.start ?? 0, figures, i),
      });
    });
  });
  return out;
}

/**
 * Populations reports keep apart: a figure of the near-poor is no answer about
 * the poor, nor an urban rate about the rural one (folded words).
 */
const POPULATIONS: readonly (readonly [name: string, words: RegExp])[] = [
  ['near_poor', /\bcan ngheo\b/],
  ['urban', /\bthanh thi\b|\burban\b/],
  ['rural', /\bnong thon\b|\brural\b/],
  ['ethnic_minority', /\bdan toc thieu so\b|\bdtts\b|\bethnic\b/],
];

/** Populations a figure must not be given for unless asked; urban and rural only exclude each other. */
const STRICT_POPULATIONS = new Set(['near_poor', 'ethnic_minority']);

function populationsOf(folded: string): Set<string> {
  return new Set(POPULATIONS.filter(([, re]) => re.test(folded)).map(([name]) => name));
}

/** What a change or ratio is measured against: `so với cùng kỳ`, `so với quý trước`, `so với kế hoạch`. */
const BASELINES: readonly (readonly [name: string, words: RegExp])[] = [
  ['same_period', /\bcung ki\b|\byear on year\b/],
  ['previous_quarter', /\bquy truoc\b/],
  ['previous_month', /\bthang truoc\b/],
];

function baselineOf(folded: string): string | null {
  return BASELINES.find(([, re]) => re.test(folded))?.[0] ?? null;
}

/** The hard facts: a figure that fails one cannot be the answer, whatever its words. */
export function eligible(ask: Ask, c: Candidate): boolean {
  return ineligibility(ask, c) === null;
}

/** The hard fact a figure fails for a part of a question, or null when it could be the answer. */
export function ineligibility(ask: Ask, c: Candidate): string | null {
  const { figure, evidence } = c;
  const askWords = fold(ask.text);
  // The figure's own clause names its population; it must be the one asked (`nghèo` is not `nghèo, cận nghèo`).
  const own = populationsOf(`${evidence.label}${evidence.after}`);
  const asked = populationsOf(askWords);
  for (const p of own) if (STRICT_POPULATIONS.has(p) && !asked.has(p)) return `population ${p}`;
  if ((asked.has('urban') && own.has('rural')) || (asked.has('rural') && own.has('urban'))) return 'urban/rural';
  if (asked.has('near_poor') && !own.has('near_poor') && !evidence.subject.includes(' can ngheo ')) {
    return 'population near_poor asked';
  }
  // `tăng … so với cùng kỳ` is not answered by a change against the previous quarter.
  const askedBaseline = baselineOf(askWords);
  const figureBaseline = baselineOf(evidence.after);
  if (askedBaseline && figureBaseline && askedBaseline !== figureBaseline) return `baseline ${figureBaseline}`;
  if (ATTRIBUTE_UNITS.has(figure.unit ?? '')) return `attribute ${figure.unit}`;
  if (figure.kind === 'rank' && !ask.units.includes('rank')) return 'rank';
  if (ask.units.length > 0) {
    const classes = new Set(ask.units.map(cueClass));
    // `số người hưởng BHTN tăng hay giảm`: a change in people may be given in percent.
    if (ask.role === 'change') classes.add('percent');
    if (ask.role === 'plan_percent' && figure.percentOfPlan !== undefined) classes.add(unitClassOf(figure));
    if (!classes.has(unitClassOf(figure))) return `unit ${unitClassOf(figure)} for ${[...classes].join('/')}`;
    // Within counts, people, organisations and events are not one another (`bao nhiêu doanh nghiệp` ≠ `8.000 người`).
    const asked = new Set(ask.units.map(countedKind));
    const counted = countedKind(figure.unit ?? '');
    if (counted && !asked.has(null) && !asked.has(counted)) return `counts ${counted} for ${[...asked].join('/')}`;
  }
  // `còn bao nhiêu` asks a level: a change (`giảm 1,33%`) is never its answer.
  if (ask.role === 'level' && evidence.role === 'change') return 'a change for a level';
  // `giảm bao nhiêu so với năm trước` asks a change: the level reached (`còn 1,87%`) is not it.
  if (ask.role === 'change' && evidence.role !== 'change' && evidence.role !== 'baseline_ratio')
    return 'a level for a change';
  // `đạt bao nhiêu % kế hoạch` is answered by a percent of plan and nothing else.
  // A result written with its percent of plan (`40.512 người, đạt 101,28% kế hoạch`) answers it too.
  const attachedPlanPercent = figure.percentOfPlan !== undefined;
  if (ask.role === 'plan_percent' && evidence.role !== 'plan_percent' && !attachedPlanPercent) {
    return `role ${evidence.role} for % of plan`;
  }
  if (ask.plan) {
    // A plan, a forecast, or a result written with its plan (`67.850/66.000`) answers a plan question.
    const planned = evidence.status === 'plan' || evidence.status === 'forecast' || figure.target !== undefined;
    if (!planned) return `status ${evidence.status} for a plan`;
    // Plans are for periods ahead of the report: one whose clause names none is taken as the asked one's.
    if (evidence.period === null || periodFits(ask.period, evidence.period)) return null;
    return `period ${evidence.period} for ${ask.period?.key}`;
  }
  if (evidence.status === 'plan') return 'a plan for a result';
  const held = evidence.period ?? c.result.document.periodKey;
  return periodFits(ask.period, held) ? null : `period ${held} for ${ask.period?.key}`;
}

/** Ranks the eligible candidates for one part, best first. */
export function rankForAsk(
  ask: Ask,
  candidates: readonly Candidate[],
  ctx: FeatureContext,
  model: RankerModel,
): RankedCandidate[] {
  const ranked: RankedCandidate[] = [];
  for (const c of candidates) {
    if (!eligible(ask, c)) continue;
    ranked.push({ ...c, features: featuresOf(ask, c, ctx), score: 0, probability: 0 });
  }
  for (const [relative, base] of RELATIVE_FEATURES) {
    const best = Math.max(...ranked.map((r) => r.features[base]));
    for (const r of ranked) r.features[relative] = r.features[base] >= best - 1e-9 && best > 0 ? 1 : 0;
  }
  for (const r of ranked) {
    r.score = scoreOf(r.features, model);
    r.probability = 1 / (1 + Math.exp(-r.score));
  }
  return ranked.sort((a, b) => b.score - a.score);
}

export function scoreOf(features: Record<FeatureName, number>, model: RankerModel): number {
  let score = model.bias;
  for (const name of FEATURE_NAMES) score += (model.weights[name] ?? 0) * features[name];
  return score;
}

interface KeyParts {
  kind: 'year' | 'months' | 'month' | 'quarter' | 'range';
  year: number;
  n: number;
  first: number;
}

function keyParts(key: string): KeyParts | null {
  const m = /^(\d{4})(?:-(\d{1,2})m|-(\d{2})|-q([1-4])|-(\d{4}))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'months', year, n: Number(m[2]), first: year };
  if (m[3]) return { kind: 'month', year, n: Number(m[3]), first: year };
  if (m[4]) return { kind: 'quarter', year, n: Number(m[4]), first: year };
  if (m[5]) return { kind: 'range', year: Number(m[5]), n: 0, first: year };
  return { kind: 'year', year, n: 12, first: year };
}

/**
 * Whether a figure of period `held` answers for the asked period. A year takes
 * any figure of that year (the reply shows which span it covers); N months
 * take N months, or the month N report that carries them; a quarter takes
 * itself, or three months for the first; a month takes itself, or the first N
 * months ending in it. A nine-month figure never answers for a quarter, nor
 * one month for another. Unknown periods pass: the reply says so.
 */
export function periodFits(asked: QueryPeriod | null, held: string | null): boolean {
  if (!asked || asked.year === null || !asked.key || !held) return true;
  const a = keyParts(asked.key);
  const h = keyParts(held);
  if (!a || !h) return true;
  if (a.kind === 'range' || h.kind === 'range') {
    // Overlapping spans: `giai đoạn 2021-2025` answers for 2024 only as the span's figure, which the reply labels.
    return a.first <= h.year && h.first <= a.year;
  }
  if (a.year !== h.year) return false;
  switch (a.kind) {
    case 'year':
      return true;
    case 'months':
      return (
        (h.kind === 'months' && h.n === a.n) ||
        (h.kind === 'month' && h.n === a.n) ||
        (h.kind === 'quarter' && h.n * 3 === a.n)
      );
    case 'quarter':
      return (
        (h.kind === 'quarter' && h.n === a.n) ||
        (h.kind === 'months' && h.n === a.n * 3) ||
        (h.kind === 'month' && h.n === a.n * 3)
      );
    case 'month':
      return (
        (h.kind === 'month' && h.n === a.n) ||
        (h.kind === 'months' && h.n === a.n) ||
        (h.kind === 'quarter' && h.n * 3 === a.n)
      );
  }
}

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
