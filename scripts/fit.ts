/**
 * Fits the figure ranker (`src/answer/figureRanker.json`) on every labelled
 * question set, cross-validated with folds grouped by report, and prints the
 * tables: fold by fold, the out-of-fold eval of each set, and each weight with
 * what its feature measures.
 *
 *   npm run fit [-- --folds 5] [--dry-run] [--misses]
 *
 * `--dry-run` prints without writing; `--misses` lists the question parts
 * whose right figure no eligible candidate holds; `--confidences` lists each
 * out-of-fold answer with its confidence and whether it was right.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatByKind, formatMetrics, summarize } from '../src/answer/evaluate.js';
import { FEATURE_NAMES, FEATURES } from '../src/answer/figureFeatures.js';
import { fitRanker } from '../src/answer/fitRanker.js';
import { labelledSets, REPO_ROOT } from './labelledSets.js';

const { values } = parseArgs({
  options: {
    folds: { type: 'string' },
    'dry-run': { type: 'boolean' },
    misses: { type: 'boolean' },
    confidences: { type: 'boolean' },
  },
});
const MODEL_PATH = join(REPO_ROOT, 'src/answer/figureRanker.json');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const sets = labelledSets();
const report = await fitRanker(sets, {
  folds: Number(values.folds ?? 5),
  onMiss: values.misses ? (q, ask, why) => console.log(`miss ${q.id} «${ask.text.trim()}» ${why}`) : undefined,
});

console.log(
  `sets: ${sets.map((s) => s.name).join(', ')}\n${report.parts} question parts with a right figure among the eligible ones ` +
    `(${report.partsWithoutRightFigure} had none), ${report.rows} rows, folds grouped by report\n`,
);
console.log('| fold | reports left out | parts left out | top-1 right (left out) | top-1 right (trained on) |');
console.log('|---|---|---|---|---|');
for (const f of report.folds) {
  console.log(`| ${f.fold} | ${f.reports} | ${f.parts} | ${pct(f.top1LeftOut)} | ${pct(f.top1Trained)} |`);
}
console.log(
  `\nconfidence threshold ${report.threshold.toFixed(3)}: the lowest with confidently wrong ≤ 2.5% of answerable questions, out of fold (the issue allows 3%: the margin is for reports never seen)\n`,
);
for (const [name, results] of report.outOfFold) {
  console.log(`## ${name}, out of fold\n\n${formatMetrics(summarize(results))}\n\n${formatByKind(results)}\n`);
}
if (values.confidences) {
  const stated = [...report.outOfFold.values()]
    .flat()
    .filter((r) => r.answer.kind === 'answer' && r.answer.confidence.outcome === 'answer');
  for (const r of stated.sort((a, b) => b.answer.confidence.score - a.answer.confidence.score)) {
    const mark = r.figuresFound ? 'right' : r.confidentlyWrong ? 'WRONG' : 'part';
    console.log(
      `oof ${r.answer.confidence.score.toFixed(3)} ${mark.padEnd(5)} ${r.question.id} ${r.question.question.slice(0, 90)}`,
    );
  }
}
console.log('| feature | weight | what it measures |\n|---|---|---|');
console.log(`| (bias) | ${report.model.bias} | the log-odds of a figure with every feature at 0 |`);
for (const f of FEATURE_NAMES) console.log(`| ${f} | ${report.model.weights[f]} | ${FEATURES[f]} |`);
if (!values['dry-run']) {
  writeFileSync(MODEL_PATH, `${JSON.stringify(report.model, null, 2)}\n`);
  console.log(`\nwrote ${MODEL_PATH}`);
}
