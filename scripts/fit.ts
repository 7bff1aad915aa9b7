/**
 * Fits the figure ranker (`src/answer/figureRanker.json`) on every labelled
 * question set, cross-validated with folds grouped by report.
 *
 *   npm run fit [-- --folds 5] [--dry-run]
 *
 * 1. Each set's reports are ingested into a fresh index; each answerable
 *    question is split into its parts, and every eligible figure of the
 *    retrieved passages becomes a row: its features, and whether it states an
 *    expected figure.
 * 2. Logistic regression (L2) is fitted fold by fold, each fold leaving out
 *    whole reports; top-1 accuracy on the left-out reports is printed per fold.
 * 3. The engine answers every question with the model of the fold that left
 *    its report out. The confidence threshold is the lowest that keeps
 *    confidently wrong answers at or under 3% of answerable questions out of
 *    fold; the out-of-fold eval tables are printed with it.
 * 4. The model fitted on all rows is written, with the threshold.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/answer/engine.js';
import { understandQuestion } from '../src/answer/answerQuestion.js';
import {
  evaluate,
  formatByKind,
  formatMetrics,
  readEvalFile,
  summarize,
  statesFigure,
  type EvalQuestion,
  type EvalResult,
} from '../src/answer/evaluate.js';
import { FEATURE_NAMES, FEATURES, type Candidate } from '../src/answer/figureFeatures.js';
import { rankAsks } from '../src/answer/pickFigures.js';
import { candidatesOf, periodFits, rankForAsk, type RankerModel } from '../src/answer/rankFigures.js';
import { claimAsks } from '../src/search/asks.js';
import { unitMatches } from '../src/answer/indicatorMatch.js';
import type { Ask } from '../src/search/asks.js';
import { renderFigure } from '../src/answer/render.js';
import { loadConfig } from '../src/config.js';
import { ingestReports } from '../src/ingest/ingestReports.js';
import { createLogger } from '../src/logger.js';
import { createRetriever, termWeights } from '../src/search/retriever.js';
import { CorpusStore } from '../src/store/corpusStore.js';
import { labelledSets, REPO_ROOT, type LabelledSet } from './labelledSets.js';

const { values } = parseArgs({
  options: { folds: { type: 'string' }, 'dry-run': { type: 'boolean' }, misses: { type: 'boolean' } },
});
const FOLDS = Number(values.folds ?? 5);
/** The most confidently wrong answers allowed, as a share of answerable questions, out of fold. */
const MAX_CONFIDENTLY_WRONG = 0.03;
/** Ridge penalty on the summed log-loss: keeps weights of rare features from running off. */
const RIDGE = 1;
const MODEL_PATH = join(REPO_ROOT, 'src/answer/figureRanker.json');

interface Row {
  group: string;
  x: number[];
  y: 0 | 1;
}
interface AskRows {
  group: string;
  rows: Row[];
}

const ZERO: RankerModel = {
  version: 1,
  features: FEATURE_NAMES,
  bias: 0,
  weights: Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])),
  answer_threshold: 0,
  fitted_on: [],
};

const sets = labelledSets();
const indexes = new Map<string, string>();
const asks: AskRows[] = [];
const questionsByGroup = new Map<string, { set: LabelledSet; question: EvalQuestion }[]>();
let noPositive = 0;

for (const set of sets) {
  const dir = mkdtempSync(join(tmpdir(), `ansinh-fit-${set.name}-`));
  indexes.set(set.name, dir);
  const store = new CorpusStore(dir);
  await ingestReports({ store, reportsDir: set.reports });
  const retriever = createRetriever({ store });
  for (const question of readEvalFile(set.questions)) {
    const group = `${set.name}/${question.doc ?? 'many'}`;
    if (!questionsByGroup.has(group)) questionsByGroup.set(group, []);
    questionsByGroup.get(group)!.push({ set, question });
    if (question.expect_abstain || question.expect_figures.length === 0 || !question.doc) continue;
    const query = understandQuestion(question.question, {}, store);
    if (query.intent === 'compare') continue;
    const retrieval = await retriever.retrieve(query, { limit: 10 });
    const weights = termWeights(store, query);
    const positive = (c: Candidate) =>
      question.expect_figures.some(
        (f) => statesFigure(renderFigure(c.figure, 'vi'), f) || statesFigure(c.figure.text, f),
      );
    const figuresOf = (id: number) => store.figuresOfPassage(id);
    const rankings =
      query.intent === 'factcheck'
        ? claimAsks(query).map(({ ask }) => ({
            ask,
            attached: false,
            ranked: rankForAsk(
              ask,
              candidatesOf(retrieval.results, figuresOf),
              { weights, topScore: retrieval.results[0]?.score ?? 1, previous: null },
              ZERO,
            ),
          }))
        : rankAsks(query, retrieval.results, figuresOf, weights, ZERO, {
            choose: (r) => r.ranked.find(positive) ?? r.ranked[0] ?? null,
          });
    for (const r of rankings) {
      if (r.attached) continue;
      const rows = r.ranked.map((c) => ({
        group,
        x: FEATURE_NAMES.map((f) => c.features[f]),
        y: positive(c) ? (1 as const) : (0 as const),
      }));
      if (!rows.some((row) => row.y === 1)) {
        noPositive++;
        if (values.misses) {
          const all = candidatesOf(retrieval.results, (id) => store.figuresOfPassage(id)).filter(positive);
          const why =
            all.length === 0
              ? 'not retrieved'
              : `filtered: ${all.map((c) => `${c.figure.text} (${missReason(r.ask, c)})`).join('; ')}`;
          console.log(`miss ${question.id} «${r.ask.text.trim()}» ${why}`);
        }
        continue;
      }
      asks.push({ group, rows });
    }
  }
  store.close();
}

const groups = [...new Set(asks.map((a) => a.group))].sort();
const foldOf = new Map(groups.map((g, i) => [g, i % FOLDS]));
console.log(
  `${asks.length} question parts with a right figure among the eligible ones (${noPositive} parts had none), ` +
    `${asks.reduce((n, a) => n + a.rows.length, 0)} rows, ${groups.length} reports, ${FOLDS} folds grouped by report\n`,
);

/**
 * Logistic regression by Newton's method (iteratively reweighted least
 * squares) with a ridge penalty on the weights, not the bias.
 */
function fit(train: AskRows[]): { bias: number; w: number[] } {
  const rows = train.flatMap((a) => a.rows);
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
      grad[i]! += RIDGE * beta[i]!;
      hess[i]![i]! += RIDGE;
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

function toModel(m: { bias: number; w: number[] }, threshold: number, fittedOn: string[]): RankerModel {
  return {
    version: 1,
    features: FEATURE_NAMES,
    bias: round(m.bias),
    weights: Object.fromEntries(FEATURE_NAMES.map((f, j) => [f, round(m.w[j]!)])),
    answer_threshold: round(threshold),
    fitted_on: fittedOn,
  };
}

function top1(model: { bias: number; w: number[] }, test: AskRows[]): number {
  let right = 0;
  for (const a of test) {
    let best = -Infinity;
    let label = 0;
    for (const row of a.rows) {
      const z = model.bias + row.x.reduce((s, v, j) => s + v * model.w[j]!, 0);
      if (z > best) {
        best = z;
        label = row.y;
      }
    }
    right += label;
  }
  return test.length ? right / test.length : 0;
}

// Cross-validation, fold by fold.
const foldModels: { bias: number; w: number[] }[] = [];
console.log('| fold | reports left out | parts left out | top-1 right (left out) | top-1 right (trained on) |');
console.log('|---|---|---|---|---|');
for (let k = 0; k < FOLDS; k++) {
  const train = asks.filter((a) => foldOf.get(a.group) !== k);
  const test = asks.filter((a) => foldOf.get(a.group) === k);
  const model = fit(train);
  foldModels.push(model);
  const reports = groups.filter((g) => foldOf.get(g) === k).length;
  console.log(`| ${k + 1} | ${reports} | ${test.length} | ${pct(top1(model, test))} | ${pct(top1(model, train))} |`);
}

// Out-of-fold answers through the whole engine.
const logger = createLogger('silent');
async function outOfFold(threshold: number): Promise<Map<string, EvalResult[]>> {
  const bySet = new Map<string, EvalResult[]>();
  for (const set of sets) {
    const results: EvalResult[] = [];
    for (let k = 0; k < FOLDS; k++) {
      const questions = [...questionsByGroup.entries()]
        .filter(([g]) => g.startsWith(`${set.name}/`) && (foldOf.get(g) ?? hashFold(g)) === k)
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
      results.push(...(await evaluate(engine, questions)));
      engine.close();
    }
    bySet.set(set.name, results);
  }
  return bySet;
}

/** Groups with no usable part (compare and abstain questions) still belong to a fold. */
function hashFold(group: string): number {
  let h = 0;
  for (const ch of group) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % FOLDS;
}

const raw = [...(await outOfFold(0)).values()].flat();
const answerable = raw.filter((r) => !r.question.expect_abstain).length;
const scored = raw
  .filter((r) => r.answer.kind === 'answer' && r.answer.confidence.outcome === 'answer')
  .map((r) => ({ p: r.answer.confidence.score, wrong: r.confidentlyWrong }));
if (values.misses) {
  for (const r of raw
    .filter((x) => x.answer.kind === 'answer' && x.answer.confidence.outcome === 'answer')
    .sort((a, b) => b.answer.confidence.score - a.answer.confidence.score)) {
    const mark = r.figuresFound ? 'right' : r.confidentlyWrong ? 'WRONG' : 'part';
    console.log(
      `oof ${r.answer.confidence.score.toFixed(3)} ${mark.padEnd(5)} ${r.question.id} ${r.answer.answer_text.split('\n')[0]!.slice(0, 110)}`,
    );
  }
}
const thresholds = [0, ...[...new Set(scored.map((s) => s.p))].sort((a, b) => a - b)];
let threshold = thresholds[thresholds.length - 1]!;
for (const t of thresholds) {
  const wrong = scored.filter((s) => s.p >= t && s.wrong).length;
  if (wrong / answerable <= MAX_CONFIDENTLY_WRONG) {
    threshold = t;
    break;
  }
}
console.log(
  `\nconfidence threshold ${threshold.toFixed(3)}: the lowest with confidently wrong ≤ ${pct(MAX_CONFIDENTLY_WRONG)} of ${answerable} answerable questions out of fold\n`,
);
const final = await outOfFold(threshold);
for (const [name, results] of final) {
  console.log(`## ${name}, out of fold\n\n${formatMetrics(summarize(results))}\n\n${formatByKind(results)}\n`);
}

const model = toModel(
  fit(asks),
  threshold,
  sets.map((s) => s.name),
);
console.log('| feature | weight | what it measures |\n|---|---|---|');
console.log(`| (bias) | ${model.bias} | the log-odds of a figure with every feature at 0 |`);
for (const f of FEATURE_NAMES) console.log(`| ${f} | ${model.weights[f]} | ${FEATURES[f]} |`);
if (!values['dry-run']) {
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`\nwrote ${MODEL_PATH}`);
}
for (const dir of indexes.values()) rmSync(dir, { recursive: true, force: true });

/** Which hard filter kept a right figure out. */
function missReason(ask: Ask, c: Candidate): string {
  const reasons: string[] = [];
  if (ask.units.length > 0 && !ask.units.some((u) => unitMatches(c.figure, u)))
    reasons.push(`unit ${ask.units.join('/')} vs ${c.figure.unit}`);
  if (ask.role === 'plan_percent' && c.evidence.role !== 'plan_percent') reasons.push(`role ${c.evidence.role}`);
  if (
    ask.plan !== (c.evidence.status === 'plan' || c.evidence.status === 'forecast') &&
    (ask.plan || c.evidence.status === 'plan')
  )
    reasons.push(`status ${c.evidence.status}${ask.plan ? ' (plan asked)' : ''}`);
  if (!periodFits(ask.period, c.evidence.period ?? c.result.document.periodKey))
    reasons.push(`period ${c.evidence.period ?? c.result.document.periodKey} vs ${ask.period?.key}`);
  return reasons.join(', ') || 'other';
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
