import { evaluate, formatByKind, formatMetrics, readEvalFile, summarize } from '../answer/evaluate.js';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineFromCli } from './engineFromCli.js';
import { parseCli, printUsageIfAsked } from './args.js';

const USAGE = `Usage: npm run eval -- --questions FILE [--json] [--index DIR] [--data DIR] [--readonly]

Scores a question file (JSON lines, the format of shared/eval/README.md) and
prints the metrics; --json prints them with every answer's result.
${ENGINE_USAGE}`;

const { values } = parseCli({ questions: { type: 'string' }, json: { type: 'boolean' }, ...ENGINE_OPTIONS }, USAGE);
printUsageIfAsked(values.help, USAGE);
if (!values.questions) {
  process.stderr.write(`--questions FILE is required.\n\n${USAGE}\n`);
  process.exit(2);
}
const questions = readEvalFile(values.questions as string);
const { engine } = await engineFromCli(
  {
    index: values.index as string | undefined,
    data: values.data as string | undefined,
    readonly: values.readonly as boolean | undefined,
  },
  true,
);
try {
  const results = await evaluate(engine, questions);
  const metrics = summarize(results);
  if (values.json) {
    const perQuestion = results.map((r) => ({
      id: r.question.id,
      kind: r.answer.kind,
      verdict: r.answer.verdict,
      snippet_rank: r.snippetRank,
      figures_found: r.figuresFound,
      figures_in_reply: r.figuresInReply,
      missing_figures: r.missingFigures,
      confidently_wrong: r.confidentlyWrong,
      target_as_target: r.targetAsTarget,
      untraced: r.untraced,
    }));
    process.stdout.write(`${JSON.stringify({ mode: engine.mode, metrics, questions: perQuestion }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `mode: ${engine.mode}, ${questions.length} questions\n${formatMetrics(metrics)}\n\n${formatByKind(results)}\n`,
    );
    const failures = results.filter(
      (r) =>
        !r.figuresFound ||
        r.verdictRight === false ||
        r.targetAsTarget === false ||
        r.untraced.length > 0 ||
        (r.question.expect_abstain ? !r.abstained : r.answer.kind === 'abstain'),
    );
    for (const r of failures) {
      process.stdout.write(
        `\n✗ ${r.question.id} [${r.answer.kind}${r.answer.verdict ? `/${r.answer.verdict}` : ''}] ${r.question.question}\n`,
      );
      if (r.missingFigures.length)
        process.stdout.write(
          `  missing: ${r.missingFigures.join(', ')}${r.confidentlyWrong ? ' (confidently wrong)' : ''}\n`,
        );
      if (r.untraced.length) process.stdout.write(`  untraced: ${r.untraced.join(', ')}\n`);
      process.stdout.write(`  ${r.answer.answer_text.split('\n').join('\n  ')}\n`);
    }
  }
} finally {
  engine.close();
}
