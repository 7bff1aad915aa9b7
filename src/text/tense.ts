import { splitSentences } from './sentences.js';

/** Words that put a figure in the future: a plan or target, not a result. */
const FUTURE_MARKERS =
  /(?<![\p{L}])(tiếp tục|phấn đấu|dự kiến|sẽ|nhiệm vụ năm|phương hướng|trong tháng \d+ tới|năm tới|thời gian tới)(?![\p{L}])/iu;

/**
 * True when the sentence before the figure speaks of plans rather than
 * results: future words, or a year after the report's own (`Trong năm 2024,
 * … tiếp tục` in a 2023 report).
 */
export function isFutureContext(text: string, start: number, reportYear: number | null = null): boolean {
  return futureIn(text, splitSentences(text), start, reportYear);
}

/** How many of the figures starting at `starts` stand in a future context (the text's sentences cut once). */
export function futureContexts(text: string, starts: readonly number[], reportYear: number | null = null): number {
  if (starts.length === 0) return 0;
  const sentences = splitSentences(text);
  return starts.filter((start) => futureIn(text, sentences, start, reportYear)).length;
}

function futureIn(
  text: string,
  sentences: ReturnType<typeof splitSentences>,
  start: number,
  reportYear: number | null,
): boolean {
  const sentence = sentences.find((s) => s.start <= start && s.end > start);
  const head = sentence ? text.slice(sentence.start, start) : text.slice(Math.max(0, start - 200), start);
  if (FUTURE_MARKERS.test(head)) return true;
  if (reportYear === null) return false;
  return [...head.matchAll(/năm (\d{4})(?!\s*[-–])/giu)].some((m) => Number(m[1]) > reportYear);
}
