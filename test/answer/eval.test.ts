import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import {
  evaluate,
  formatByKind,
  formatMetrics,
  readEvalFile,
  summarize,
  type EvalResult,
} from '../../src/answer/evaluate.js';
import { loadRankerModel } from '../../src/answer/rankFigures.js';
import { fitRanker, type FitReport } from '../../src/answer/fitRanker.js';
import type { Engine } from '../../src/answer/types.js';
import { labelledSets } from '../../scripts/labelledSets.js';
import { lexicalEngine } from '../helpers.js';

/**
 * Every labelled set through the real engine in lexical mode, scored strictly:
 * the reply's own statement, its quotes left out, must hold every asked figure.
 *
 * The shipped ranker was fitted on all of these sets, so the first block is a
 * regression gate, not a measure of how the engine does on reports it has
 * never seen; the second block is: each question answered by a model fitted
 * without its report (folds grouped by report).
 */
const SETS = labelledSets();

/**
 * Gates a little under what the shipped engine scores on each set (strict, confidently wrong). The
 * confidence threshold holds confidently wrong to 2.5% of all the sets' answerable questions out of
 * fold; on one small set alone two replies in 38 (holdout3) are over 5%, hence its gate.
 */
const GATES: Record<string, { strict: number; confidentlyWrong: number; verdicts: number; compares: number }> = {
  dev: { strict: 0.88, confidentlyWrong: 0.03, verdicts: 0.9, compares: 1 },
  holdout: { strict: 0.85, confidentlyWrong: 0.03, verdicts: 0.9, compares: 1 },
  holdout2: { strict: 0.85, confidentlyWrong: 0.05, verdicts: 0.9, compares: 1 },
  holdout3: { strict: 0.85, confidentlyWrong: 0.06, verdicts: 0.9, compares: 1 },
  real: { strict: 0.8, confidentlyWrong: 0.03, verdicts: 0.9, compares: 0.66 },
};

describe.each(SETS)('the shipped ranker on the $name set (fitted on it: a regression gate)', (set) => {
  let engine: Engine;
  let results: EvalResult[];

  beforeAll(async () => {
    engine = await lexicalEngine({ REPORTS_DIR: set.reports });
    results = await evaluate(engine, readEvalFile(set.questions));
    console.log(`\n${set.name}\n${formatMetrics(summarize(results))}\n\n${formatByKind(results)}\n`);
  });
  afterAll(() => engine.close());

  test('the asked figures stand in the reply’s own statement', () => {
    const m = summarize(results);
    const missing = results
      .filter((r) => !r.question.expect_abstain && !r.figuresFound)
      .map((r) => `${r.question.id}: ${r.missingFigures.join(', ')}`);
    expect(m.figuresFound / m.answerable, missing.join('\n')).toBeGreaterThanOrEqual(GATES[set.name]!.strict);
  });

  test('confidently wrong replies stay rare', () => {
    const m = summarize(results);
    const wrong = results.filter((r) => r.confidentlyWrong).map((r) => r.question.id);
    expect(m.confidentlyWrong / m.answerable, wrong.join(', ')).toBeLessThanOrEqual(GATES[set.name]!.confidentlyWrong);
  });

  test('fact-check verdicts are right', () => {
    const m = summarize(results);
    expect(m.factchecks).toBeGreaterThan(0);
    expect(m.verdictRight / m.factchecks).toBeGreaterThanOrEqual(GATES[set.name]!.verdicts);
  });

  test('abstains for every unanswerable question and at most 8% of answerable ones', () => {
    const m = summarize(results);
    expect(m.abstainedUnanswerable).toBe(m.unanswerable);
    expect(m.abstainedAnswerable / m.answerable).toBeLessThanOrEqual(0.08);
  });

  test('an abstain shows no figure and cites nothing', () => {
    for (const r of results.filter((x) => x.answer.kind === 'abstain')) {
      expect(r.answer.citations).toEqual([]);
      expect(r.answer.figures).toEqual([]);
      expect(r.answer.answer_text).not.toMatch(/\d/);
      expect(r.answer.confidence.outcome).toBe('no_data');
    }
  });

  test('compare questions cover their provinces', () => {
    const compares = results.filter((r) => r.provincesCovered !== null);
    expect(compares.length).toBeGreaterThan(0);
    const covered = compares.filter((r) => r.provincesCovered).length;
    expect(covered / compares.length).toBeGreaterThanOrEqual(GATES[set.name]!.compares);
  });

  test('every number in every reply is traceable to a cited passage, the question or a formula', () => {
    const untraced = results
      .filter((r) => r.untraced.length > 0)
      .map((r) => `${r.question.id}: ${r.untraced.join(', ')}`);
    expect(untraced).toEqual([]);
  });
});

describe('out of fold: each question answered by a ranker fitted without its report', () => {
  let report: FitReport;

  beforeAll(async () => {
    report = await fitRanker(SETS);
    for (const [name, results] of report.outOfFold) {
      console.log(`\n${name}, out of fold\n${formatMetrics(summarize(results))}\n\n${formatByKind(results)}\n`);
    }
  }, 300_000);

  test('the right figure is the best-scored one for most question parts, fold by fold', () => {
    for (const fold of report.folds) expect(fold.top1LeftOut, `fold ${fold.fold}`).toBeGreaterThanOrEqual(0.8);
  });

  test('the confidence threshold keeps confidently wrong answers at or under 3% of all answerable questions', () => {
    const all = [...report.outOfFold.values()].flat();
    const m = summarize(all);
    expect(m.confidentlyWrong / m.answerable).toBeLessThanOrEqual(0.03);
  });

  // Floors a little under the scores. With `../shared/eval/real` beside the repository the sets score
  // 0.87–0.94 out of fold (real 0.86). Without it the fit has about 40% fewer question parts, and the
  // invented sets score 0.76–0.92 (holdout3 29/38), hence the lower floor there.
  test('strict figures hold for most answerable questions of every set', () => {
    const withReal = report.outOfFold.has('real');
    for (const [name, results] of report.outOfFold) {
      const m = summarize(results);
      const floor = name === 'real' ? 0.8 : withReal ? 0.85 : 0.74;
      expect(m.figuresFound / m.answerable, name).toBeGreaterThanOrEqual(floor);
    }
  });

  test('every number stays traceable out of fold too', () => {
    for (const results of report.outOfFold.values()) {
      expect(results.filter((r) => r.untraced.length > 0).map((r) => r.question.id)).toEqual([]);
    }
  });

  test('the shipped weights are the ones the fit makes from these sets (no weight set by hand)', () => {
    const shipped = loadRankerModel();
    if (shipped.fitted_on.join(',') !== SETS.map((s) => s.name).join(',')) {
      // Without `../shared/eval/real` beside the repository the sets differ; the weights cannot be reproduced here.
      console.warn(
        `shipped ranker fitted on ${shipped.fitted_on.join(', ')}; here: ${SETS.map((s) => s.name).join(', ')}`,
      );
      expect(shipped.fitted_on).toEqual(expect.arrayContaining(SETS.map((s) => s.name)));
      return;
    }
    for (const [name, weight] of Object.entries(report.model.weights)) {
      expect(shipped.weights[name], name).toBeCloseTo(weight, 3);
    }
    expect(shipped.bias).toBeCloseTo(report.model.bias, 3);
    expect(shipped.answer_threshold).toBeCloseTo(report.model.answer_threshold, 3);
  });
});
