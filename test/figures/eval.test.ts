import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFigures } from '../../src/figures/parse.js';
import { parseReferences } from '../../src/figures/references.js';
import type { Figure } from '../../src/figures/types.js';
import { DEV_QUESTIONS } from '../helpers.js';

/** The dev questions: the shared copy beside the repository, else the committed one. */
const EVAL_PATH = DEV_QUESTIONS;
const REPORTS = new URL('../../data/reports/', import.meta.url);

interface DevQuestion {
  id: string;
  doc: string | null;
  kind: string;
  question: string;
  expect_figures: string[];
}

const questions: DevQuestion[] = readFileSync(EVAL_PATH, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as DevQuestion)
  .filter((q) => q.doc !== null && q.expect_figures.length > 0);

const reportText = new Map<string, string>();
function report(doc: string): string {
  let text = reportText.get(doc);
  if (text === undefined) reportText.set(doc, (text = readFileSync(new URL(doc, REPORTS), 'utf8')));
  return text;
}

/** `expected` stands in the figure as a whole number, not as part of a longer one (`80` is not in `180`). */
function statedBy(figure: Figure, expected: string): boolean {
  const escaped = expected.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`);
  return re.test(figure.text) || (figure.percentOfPlanText !== undefined && re.test(figure.percentOfPlanText));
}

describe(`dev questions (${EVAL_PATH})`, () => {
  const figureQuestions = questions.filter((q) => q.kind !== 'policy');
  const policyQuestions = questions.filter((q) => q.kind === 'policy');

  test.each(figureQuestions.map((q) => [q.id, q.question, q] as const))(
    '%s: every expected figure is parsed — %s',
    (_id, _q, q) => {
      const figures = parseFigures(report(q.doc!));
      for (const expected of q.expect_figures) {
        expect(
          figures.some((f) => statedBy(f, expected)),
          `${expected} in ${q.doc}`,
        ).toBe(true);
      }
    },
  );

  test.each(policyQuestions.map((q) => [q.id, q.question, q] as const))(
    '%s: every cited document is found — %s',
    (_id, _q, q) => {
      const numbers = parseReferences(report(q.doc!)).map((r) => r.number);
      for (const expected of q.expect_figures) expect(numbers).toContain(expected);
    },
  );
});
