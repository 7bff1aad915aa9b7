import type { Answer } from './schema.js';

/** A number as written in Vietnamese reports: `23.250`, `2,4`, `7.000/6.400` is two. */
const NUMBER = /\d+(?:[.,]\d+)*/g;
const CITATION_MARK = /\[\d+\]/g;

/** Numbers in a text, citation marks `[n]` left out. */
export function numbersIn(text: string): string[] {
  return text.replace(CITATION_MARK, ' ').match(NUMBER) ?? [];
}

/** True when `number` stands in `haystack` as a whole number, not as part of a longer one. */
export function containsNumber(haystack: string, number: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(number, from);
    if (at < 0) return false;
    const before = haystack.slice(Math.max(0, at - 2), at);
    const after = haystack.slice(at + number.length, at + number.length + 2);
    const joinedBefore = /\d$/.test(before) || /\d[.,]$/.test(before);
    const joinedAfter = /^\d/.test(after) || /^[.,]\d/.test(after);
    if (!joinedBefore && !joinedAfter) return true;
    from = at + 1;
  }
}

export function numbersTraceable(text: string, haystacks: string[]): boolean {
  return numbersIn(text).every((n) => haystacks.some((h) => containsNumber(h, n)));
}

/**
 * Every number of the answer body must stand verbatim in a cited passage, in
 * the question, in a computed figure's formula, or in a cited report's period
 * (which the sources line states). Returns the ones that do not.
 */
export function untracedNumbers(answer: Pick<Answer, 'answer_text' | 'question' | 'citations' | 'computed'>): string[] {
  const haystacks = [
    answer.question,
    ...answer.citations.flatMap((c) => [c.passage_text, c.period ?? '']),
    ...answer.computed.flatMap((c) => [c.text, c.formula]),
  ];
  return numbersIn(answer.answer_text).filter((n) => !haystacks.some((h) => containsNumber(h, n)));
}
