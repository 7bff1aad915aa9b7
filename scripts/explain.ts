/**
 * Why the engine answers as it does: the query as understood, the ranked
 * passages, and for each part of the question the figures the ranker scores,
 * with their features, and the ones a hard filter kept out, with why.
 *
 *   npm run explain -- "Tỷ lệ hộ nghèo Hà Nam năm 2023?" [--index DIR] [--data DIR] [--figures TEXT]
 *
 * `--figures TEXT` instead parses a text and prints every figure found.
 */
import { parseArgs } from 'node:util';
import { createEngine } from '../src/answer/engine.js';
import { FEATURE_NAMES } from '../src/answer/figureFeatures.js';
import { rankAsks } from '../src/answer/pickFigures.js';
import { candidatesOf, ineligibility, loadRankerModel } from '../src/answer/rankFigures.js';
import { loadConfig } from '../src/config.js';
import { figureEvidence } from '../src/figures/evidence.js';
import { parseFigures } from '../src/figures/parse.js';
import { createLogger } from '../src/logger.js';
import { parseQuery } from '../src/search/query.js';
import { createRetriever, termWeights } from '../src/search/retriever.js';
import { CorpusStore } from '../src/store/corpusStore.js';

const { values, positionals } = parseArgs({
  options: {
    index: { type: 'string' },
    data: { type: 'string' },
    figures: { type: 'string' },
    top: { type: 'string' },
  },
  allowPositionals: true,
});

if (values.figures) {
  const figures = parseFigures(values.figures);
  const evidence = figureEvidence(values.figures, figures, { reportYear: null });
  for (const [i, f] of figures.entries()) {
    const extra = [
      f.target !== undefined ? `target ${f.target}` : '',
      f.percentOfPlanText ? `plan ${f.percentOfPlanText}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    console.log(
      `${f.text.padEnd(28)} ${f.kind.padEnd(18)} ${String(f.value).padEnd(14)} ${String(f.unit).padEnd(10)} ${String(f.qualifier ?? '').padEnd(7)} ${f.indicator ?? '-'} ${extra}`,
    );
    const e = evidence[i]!;
    console.log(
      `    ${e.status}/${e.role}${e.period ? ` period ${e.period}` : ''}${e.baseline ? ' baseline' : ''}${e.national ? ' national' : ''} |${e.label.trim()}| → |${e.after.trim()}|${e.subject.trim() ? ` carries |${e.subject.trim()}|` : ''}`,
    );
  }
  process.exit(0);
}

const question = positionals.join(' ');
const config = { ...loadConfig(), SEARCH_MODE: 'lexical' as const };
if (values.index) config.INDEX_DIR = values.index;
if (values.data) config.REPORTS_DIR = values.data;
(await createEngine({ config, logger: createLogger('warn') })).close();
const store = new CorpusStore(config.INDEX_DIR);
const query = parseQuery(question);
const { claims, ...understood } = query;
console.log(JSON.stringify({ ...understood, claims: claims.map((c) => c.text) }, null, 1));
const retrieval = await createRetriever({ store }).retrieve(query);
const top = Number(values.top ?? 5);
console.log('\npassages:');
for (const r of retrieval.results.slice(0, top)) {
  console.log(
    `  ${r.passage.pid.padEnd(32)} score ${r.score.toFixed(3)}  coverage ${r.coverage.toFixed(2)}  lexical #${r.lexicalRank ?? '-'}`,
  );
}
// The parts of the question, and for each the figures ranked by the shipped ranker.
const ranker = loadRankerModel();
const weights = termWeights(store, query);
const candidates = candidatesOf(retrieval.results, (id) => store.figuresOfPassage(id));
const rankings = rankAsks(query, retrieval.results, (id) => store.figuresOfPassage(id), weights, ranker);
console.log(`\nranker threshold ${ranker.answer_threshold}`);
for (const [i, r] of rankings.entries()) {
  const a = r.ask;
  console.log(
    `\npart ${i + 1} «${a.text.trim()}» role ${a.role}${a.plan ? ', plan' : ''}${a.follows ? ', follows' : ''} units ${a.units.join('/') || '-'} period ${a.period?.key ?? '-'}`,
  );
  if (r.attached) console.log('  the percent of plan attached to the figure of the part before');
  for (const c of r.ranked.slice(0, top)) {
    const e = c.evidence;
    const strong = FEATURE_NAMES.filter((f) => c.features[f] !== 0)
      .map((f) => `${f} ${c.features[f].toFixed(2)}`)
      .join(', ');
    console.log(
      `  p ${c.probability.toFixed(3)}  ${c.figure.text.padEnd(24)} ${e.status}/${e.role} ${e.period ?? ''}  ${strong}`,
    );
  }
  const out = candidates.map((c) => [c, ineligibility(a, c)] as const).filter(([, why]) => why !== null);
  for (const [c, why] of out.slice(0, top)) console.log(`  ✗ ${c.figure.text.padEnd(24)} ${why}`);
}
store.close();
