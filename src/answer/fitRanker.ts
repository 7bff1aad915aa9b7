import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { ingestReports } from '../ingest/ingestReports.js';
import { createLogger } from '../logger.js';
import { claimAsks, type Ask } from '../search/asks.js';
import { createRetriever, termWeights } from '../search/retriever.js';
import { CorpusStore } from '../store/corpusStore.js';
import { understandQuestion } from './answerQuestion.js';
import { createEngine } from './engine.js';
import { evaluate, readEvalFile, statesFigure, type EvalQuestion, type EvalResult } from './evaluate.js';
import { FEATURE_NAMES, type Candidate } from './figureFeatures.js';
import { rankAsks, type AskRanking } from './pickFigures.js';
import { candidatesOf, ineligibility, rankForAsk, type RankerModel } from './rankFigures.js';
import { renderFigure } from './render.js';

/**
 * Fitting the figure ranker: labelled questions become rows (the features of
 * every eligible figure for each part of a question, and whether it states an
 * expected figure), a logistic regression is fitted on them, and the whole
 * engine answers each question with a model fitted without that question's
 * report. `npm run fit` prints the tables and writes `figureRanker.json`.
 */

/** A question file with the reports folder it asks about. */
export interface LabelledSet {
  name: string;
  questions: string;
  reports: string;
}

export interface FitOptions {
  folds?: number;
  /** The most confidently wrong answers allowed out of fold, as a share of answerable questions. */
  maxConfidentlyWrong?: number;
  /** Called for each question part whose right figure no eligible candidate holds, with why. */
  onMiss?: (question: EvalQuestion, ask: Ask, why: string) => void;
}

export interface FoldReport {
  fold: number;
  reports: number;
  parts: number;
  top1LeftOut: number;
  top1Trained: number;
}

export interface FitReport {
  model: RankerModel;
  threshold: number;
  folds: FoldReport[];
  /** Every question of every set answered by the model of the fold that left its report out. */
  outOfFold: Map<string, EvalResult[]>;
  parts: number;
  partsWithoutRightFigure: number;
  rows: number;
}

interface Row {
  x: number[];
  y: 0 | 1;
}
interface PartRows {
  group: string;
  rows: Row[];
}
interface Linear {
  bias: number;
  w: number[];
}

/** Ridge penalty on the summed log-loss: keeps the weights of rare features from running off. */
const RIDGE = 1;

const ZERO: RankerModel = {
  version: 1,
  features: FEATURE_NAMES,
  bias: 0,
  weights: Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])),
  answer_threshold: 0,
  fitted_on: [],
};

export async function fitRanker(sets: readonly LabelledSet[], options: FitOptions = {}): Promise<FitReport> {
  const folds = options.folds ?? 5;
  const indexes = new Map<string, string>();
  const parts: PartRows[] = [];
  const questionsByGroup = new Map<string, { set: LabelledSet; question: EvalQuestion }[]>();
  let partsWithoutRightFigure = 0;
  try {
    for (const set of sets) {
      const dir = mkdtempSync(join(tmpdir(), `ansinh-fit-${set.name}-`));
      indexes.set(set.name, dir);
      const store = new CorpusStore(dir);
      await ingestReports({ store, reportsDir: set.reports });
      const retriever = createRetriever({ store });
      const figuresOf = (id: number) => store.figuresOfPassage(id);
      for (const question of readEvalFile(set.questions)) {
        const group = `${set.name}/${question.doc ?? 'many'}`;
        if (!questionsByGroup.has(group)) questionsByGroup.set(group, []);
        questionsByGroup.get(group)!.push({ set, question });
        if (question.expect_abstain || question.expect_figures.length === 0 || !question.doc) continue;
        const query = understandQuestion(question.question, {}, store);
        if (query.intent === 'compare') continue;
        const retrieval = await retriever.retrieve(query, { limit: 10 });
        const weights = termWeights(store, query);
        const right = (c: Candidate) =>
          question.expect_figures.some(
            (f) => statesFigure(renderFigure(c.figure, 'vi'), f) || statesFigure(c.figure.text, f),
          );
        const featureCtx = { weights, topScore: retrieval.results[0]?.score ?? 1, previous: null };
        const rankings: AskRanking[] =
          query.intent === 'factcheck'
            ? claimAsks(query).map(({ ask }) => ({
                ask,
                attached: false,
                ranked: rankForAsk(ask, candidatesOf(retrieval.results, figuresOf), featureCtx, ZERO),
              }))
            : // The next part looks back at the right figure of the part before, as it will at answer time.
              rankAsks(query, retrieval.results, figuresOf, weights, ZERO, {
                choose: (r) => r.ranked.find(right) ?? r.ranked[0] ?? null,
              });
        for (const r of rankings) {
          if (r.attached) continue;
          const rows = r.ranked.map(
            (c) => ({ x: FEATURE_NAMES.map((f) => c.features[f]), y: right(c) ? 1 : 0 }) as Row,
          );
          if (rows.some((row) => row.y === 1)) {
            parts.push({ group, rows });
            continue;
          }
          partsWithoutRightFigure++;
          if (options.onMiss) {
            const held = candidatesOf(retrieval.results, figuresOf).filter(right);
            const why = held.map((c) => `${c.figure.text}: ${ineligibility(r.ask, c) ?? 'eligible'}`).join('; ');
            options.onMiss(question, r.ask, held.length === 0 ? 'not retrieved' : why);
          }
        }
      }
      store.close();
    }

    // Folds over reports: every question of a report, and every part, fall in its report's fold.
    const groups = [...questionsByGroup.keys()].sort();
    const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
    const foldModels: Linear[] = [];
    const foldReports: FoldReport[] = [];
    for (let k = 0; k < folds; k++) {
      const train = parts.filter((p) => foldOf.get(p.group) !== k);
      const test = parts.filter((p) => foldOf.get(p.group) === k);
      const model = fitLogistic(train.flatMap((p) => p.rows));
      foldModels.push(model);
      foldReports.push({
        fold: k + 1,
        reports: groups.filter((g) => foldOf.get(g) === k && !g.endsWith('/many')).length,
        parts: test.length,
        top1LeftOut: top1(model, test),
        top1Trained: top1(model, train),
      });
    }

    const outOfFold = async (threshold: number): Promise<Map<string, EvalResult[]>> => {
      const bySet = new Map<string, EvalResult[]>();
      const logger = createLogger('silent');
      for (const set of sets) {
        const results: EvalResult[] = [];
        for (let k = 0; k < folds; k++) {
          const questions = [...questionsByGroup.entries()]
            .filter(([g]) => g.startsWith(`${set.name}/`) && foldOf.get(g) === k)
            .flatMap(([, qs]) => qs.map((q) => q.question));
          if (questions.length === 0) continue;
          const config = {
            ...loadConfig({}),
            REPORTS_DIR: set.reports,
            INDEX_DIR: indexes.get(set.name)!,
            SEARCH_MODE: 'lexical' as const,
            LOG_LEVEL: 'silent' as const,
          };
          const engine = await createEngine({ config, logger, ranker: toModel(foldModels[k]!, threshold, []) });
          try {
            results.push(...(await evaluate(engine, questions)));
          } finally {
            engine.close();
          }
        }
        bySet.set(set.name, results);
      }
      return bySet;
    };

    // The threshold changes which fact-checks find a figure, so it is chosen again on the answers it gives
    // until they keep to the limit (it only rises). The limit keeps a margin under the 3% allowed, for
    // reports never seen: out-of-fold answers are still answers on sets the features were designed on.
    const limit = options.maxConfidentlyWrong ?? 0.025;
    let threshold = 0;
    let answers = await outOfFold(threshold);
    for (let round = 0; round < 6 && !withinLimit([...answers.values()].flat(), limit); round++) {
      threshold = Math.max(threshold, chooseThreshold([...answers.values()].flat(), limit, threshold));
      answers = await outOfFold(threshold);
    }
    return {
      model: toModel(
        fitLogistic(parts.flatMap((p) => p.rows)),
        threshold,
        sets.map((s) => s.name),
      ),
      threshold,
      folds: foldReports,
      outOfFold: answers,
      parts: parts.length,
      partsWithoutRightFigure,
      rows: parts.reduce((n, p) => n + p.rows.length, 0),
    };
  } finally {
    for (const dir of indexes.values()) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The lowest confidence at which the out-of-fold answers stated with at least
 * that confidence are confidently wrong for at most `maxWrong` of the
 * answerable questions. Below it, a reply quotes the closest passages instead.
 */
export function chooseThreshold(results: readonly EvalResult[], maxWrong: number, above = 0): number {
  const answerable = results.filter((r) => !r.question.expect_abstain).length;
  // Answers and fact-checks state their figure only above the threshold; comparisons state theirs regardless.
  const gated = (r: EvalResult) =>
    (r.answer.kind === 'answer' || r.answer.kind === 'factcheck') && r.answer.confidence.outcome === 'answer';
  const fixed = results.filter((r) => r.confidentlyWrong && !gated(r)).length;
  const stated = results.filter(gated).map((r) => ({ p: r.answer.confidence.score, wrong: r.confidentlyWrong }));
  const candidates = [0, ...[...new Set(stated.map((s) => s.p))].sort((a, b) => a - b)].filter((t) => t > above);
  for (const t of candidates) {
    const wrong = fixed + stated.filter((s) => s.p >= t && s.wrong).length;
    if (wrong <= maxWrong * answerable) return t;
  }
  return 1;
}

function withinLimit(results: readonly EvalResult[], maxWrong: number): boolean {
  const answerable = results.filter((r) => !r.question.expect_abstain).length;
  return results.filter((r) => r.confidentlyWrong).length <= maxWrong * answerable;
}

/**
 * Logistic regression by Newton's method (iteratively reweighted least
 * squares), with a ridge penalty on the weights and none on the bias.
 */
export function fitLogistic(rows: readonly Row[], ridge = RIDGE): Linear {
  const d = FEATURE_NAMES.length + 1;
  const beta = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 25; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const row of rows) {
      const x = [1, ...row.x];
      const z = x.reduce((sum, v, j) => sum + v * beta[j]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = Math.max(p * (1 - p), 1e-6);
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - row.y) * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += weight * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += ridge * beta[i]!;
      hess[i]![i]! += ridge;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let i = 0; i < d; i++) {
      beta[i]! -= step[i]!;
      moved = Math.max(moved, Math.abs(step[i]!));
    }
    if (moved < 1e-6) break;
  }
  return { bias: beta[0]!, w: beta.slice(1) };
}

/** Solves `a · x = b` by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / (m[i]![i]! || 1e-12));
}

function toModel(m: Linear, threshold: number, fittedOn: string[]): RankerModel {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    version: 1,
    features: FEATURE_NAMES,
    bias: round(m.bias),
    weights: Object.fromEntries(FEATURE_NAMES.map((f, j) => [f, round(m.w[j]!)])),
    answer_threshold: round(threshold),
    fitted_on: fittedOn,
  };
}

/** Share of parts whose best-scored figure is a right one. */
function top1(model: Linear, parts: readonly PartRows[]): number {
  let right = 0;
  for (const part of parts) {
    let best = -Infinity;
    let label = 0;
    for (const row of part.rows) {
      const z = model.bias + row.x.reduce((s, v, j) => s + v * model.w[j]!, 0);
      if (z > best) {
        best = z;
        label = row.y;
      }
    }
    right += label;
  }
  return parts.length ? right / parts.length : 0;
}
