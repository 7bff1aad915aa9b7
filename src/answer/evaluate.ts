import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Answer } from './schema.js';
import { untracedNumbers } from './traceability.js';
import type { Engine } from './types.js';

/** One line of an evaluation file (see the eval README). */
export const EvalQuestionSchema = z.object({
  id: z.string(),
  doc: z.string().nullable(),
  province: z.string().nullable(),
  period: z.string().nullable(),
  kind: z.string(),
  question: z.string().min(1),
  expect_figures: z.array(z.string()).default([]),
  expect_snippet: z.string().default(''),
  claim_correct: z.boolean().optional(),
  expect_provinces: z.array(z.string()).optional(),
  expect_abstain: z.boolean().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export function readEvalFile(path: string): EvalQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      const parsed = EvalQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          `${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        );
      return parsed.data;
    });
}

export interface EvalResult {
  question: EvalQuestion;
  answer: Answer;
  /** Rank (1-based) of the first retrieved passage holding the snippet; null when none of the first five does. */
  snippetRank: number | null;
  citedSnippet: boolean;
  /** Every expected figure stands somewhere in `answer_text`, quotes included (the lenient count). */
  figuresInReply: boolean;
  /** Every expected figure stands in the reply's own statement, its quotes left out (the strict count). */
  figuresFound: boolean;
  missingFigures: string[];
  /** The statement gives figures, and none of them is an asked one. */
  confidentlyWrong: boolean;
  /** `target` questions: the statement gives the plan figure as a plan, with its period. */
  targetAsTarget: boolean | null;
  verdictRight: boolean | null;
  abstained: boolean;
  provincesCovered: boolean | null;
  untraced: string[];
}

export interface EvalMetrics {
  questions: number;
  snippetQuestions: number;
  snippetAt1: number;
  snippetAt5: number;
  citedSnippet: number;
  answerable: number;
  figuresInReply: number;
  figuresFound: number;
  confidentlyWrong: number;
  factchecks: number;
  verdictRight: number;
  targets: number;
  targetsAsTargets: number;
  unanswerable: number;
  abstainedUnanswerable: number;
  abstainedAnswerable: number;
  compares: number;
  comparesCovered: number;
  traceable: number;
}

/**
 * What the reply itself states: the answer text without the verbatim quotes
 * (`«…»`) and citation marks. A figure that stands only inside a quote was
 * shown, not stated.
 */
export function statementOf(answerText: string): string {
  return answerText.replace(/«[^»]*»/g, ' ').replace(/\[\d+\]/g, ' ');
}

/** `figure` stands in `text` as a whole number: `10%` is not in `110%`, `2.749` is not in `12.749,5`. */
export function statesFigure(text: string, figure: string): boolean {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`).test(text);
}

/** Words that name a figure as a plan, in the reply's own languages. */
const PLAN_WORDS = /kế hoạch|mục tiêu|chỉ tiêu|phấn đấu|dự kiến|\bplan|\btarget/i;
const PERIOD_WORDS = /\b(19|20)\d{2}\b|giai đoạn|\bperiod\b/i;

export function scoreAnswer(question: EvalQuestion, answer: Answer): EvalResult {
  const snippet = question.expect_snippet;
  let snippetRank: number | null = null;
  if (snippet) {
    const index = answer.retrieval.candidates.findIndex((c) => c.text.includes(snippet));
    snippetRank = index >= 0 ? index + 1 : null;
  }
  const reply = `${answer.answer_text}\n${answer.sources_text}`;
  const statement = statementOf(answer.answer_text);
  const missingFigures = question.expect_figures.filter((f) => !statesFigure(statement, f));
  const abstained = answer.kind === 'abstain' && answer.citations.length === 0;
  const statesNumbers = answer.figures.length > 0 || answer.computed.length > 0;
  const confidentlyWrong =
    !question.expect_abstain &&
    question.expect_figures.length > 0 &&
    statesNumbers &&
    missingFigures.length === question.expect_figures.length;
  let targetAsTarget: boolean | null = null;
  if (question.kind === 'target') {
    const lines = statement.split('\n');
    targetAsTarget =
      question.expect_figures.length > 0 &&
      question.expect_figures.every((f) =>
        lines.some((line) => statesFigure(line, f) && PLAN_WORDS.test(line) && PERIOD_WORDS.test(line)),
      );
  }
  let verdictRight: boolean | null = null;
  if (question.kind === 'factcheck' && question.claim_correct !== undefined) {
    verdictRight = answer.verdict === (question.claim_correct ? 'match' : 'mismatch');
  }
  const provincesCovered = question.expect_provinces ? question.expect_provinces.every((p) => reply.includes(p)) : null;
  return {
    question,
    answer,
    snippetRank,
    citedSnippet: snippet ? answer.citations.some((c) => c.passage_text.includes(snippet)) : false,
    figuresInReply: question.expect_figures.every((f) => answer.answer_text.includes(f)),
    figuresFound: missingFigures.length === 0,
    missingFigures,
    confidentlyWrong,
    targetAsTarget,
    verdictRight,
    abstained,
    provincesCovered,
    untraced: untracedNumbers(answer),
  };
}

export function summarize(results: EvalResult[]): EvalMetrics {
  const withSnippet = results.filter((r) => r.question.expect_snippet);
  const answerable = results.filter((r) => !r.question.expect_abstain);
  const unanswerable = results.filter((r) => r.question.expect_abstain);
  const factchecks = results.filter((r) => r.verdictRight !== null);
  const targets = results.filter((r) => r.targetAsTarget !== null);
  const compares = results.filter((r) => r.provincesCovered !== null);
  return {
    questions: results.length,
    snippetQuestions: withSnippet.length,
    snippetAt1: withSnippet.filter((r) => r.snippetRank === 1).length,
    snippetAt5: withSnippet.filter((r) => r.snippetRank !== null || r.citedSnippet).length,
    citedSnippet: withSnippet.filter((r) => r.citedSnippet).length,
    answerable: answerable.length,
    figuresInReply: answerable.filter((r) => r.figuresInReply).length,
    figuresFound: answerable.filter((r) => r.figuresFound).length,
    confidentlyWrong: answerable.filter((r) => r.confidentlyWrong).length,
    factchecks: factchecks.length,
    verdictRight: factchecks.filter((r) => r.verdictRight).length,
    targets: targets.length,
    targetsAsTargets: targets.filter((r) => r.targetAsTarget).length,
    unanswerable: unanswerable.length,
    abstainedUnanswerable: unanswerable.filter((r) => r.abstained).length,
    abstainedAnswerable: answerable.filter((r) => r.answer.kind === 'abstain').length,
    compares: compares.length,
    comparesCovered: compares.filter((r) => r.provincesCovered).length,
    traceable: results.filter((r) => r.untraced.length === 0).length,
  };
}

export async function evaluate(engine: Engine, questions: EvalQuestion[]): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const q of questions) results.push(scoreAnswer(q, await engine.ask(q.question)));
  return results;
}

const pct = (n: number, d: number) => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** The metrics as a table a person reads. */
export function formatMetrics(m: EvalMetrics): string {
  const rows: [string, number, number][] = [
    ['retrieval: snippet passage first', m.snippetAt1, m.snippetQuestions],
    ['retrieval: snippet passage in first five', m.snippetAt5, m.snippetQuestions],
    ['citation holds the snippet', m.citedSnippet, m.snippetQuestions],
    ['strict: asked figures in the statement', m.figuresFound, m.answerable],
    ['lenient: asked figures anywhere, quotes too', m.figuresInReply, m.answerable],
    ['confidently wrong (lower is better)', m.confidentlyWrong, m.answerable],
    ['fact-check verdict right', m.verdictRight, m.factchecks],
    ['targets given as targets', m.targetsAsTargets, m.targets],
    ['abstained when unanswerable', m.abstainedUnanswerable, m.unanswerable],
    ['abstained when answerable (lower is better)', m.abstainedAnswerable, m.answerable],
    ['compare covers its provinces', m.comparesCovered, m.compares],
    ['every number traceable', m.traceable, m.questions],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([label, n, d]) => `${label.padEnd(width)}  ${pct(n, d)}  (${n}/${d})`).join('\n');
}

/** One row per question kind: strict, confidently wrong, abstained when answerable, verdicts, targets, traceable. */
export function formatByKind(results: EvalResult[]): string {
  const kinds = [...new Set(results.map((r) => r.question.kind))].sort();
  const head = ['kind', 'n', 'strict', 'conf. wrong', 'abst. answerable', 'verdicts', 'targets', 'traceable'];
  const cell = (n: number, d: number) => (d === 0 ? '—' : `${n}/${d}`);
  const rows = [...kinds, 'all'].map((kind) => {
    const m = summarize(kind === 'all' ? results : results.filter((r) => r.question.kind === kind));
    return [
      kind,
      String(m.questions),
      cell(m.figuresFound, m.answerable),
      cell(m.confidentlyWrong, m.answerable),
      cell(m.abstainedAnswerable, m.answerable),
      cell(m.verdictRight, m.factchecks),
      cell(m.targetsAsTargets, m.targets),
      cell(m.traceable, m.questions),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
