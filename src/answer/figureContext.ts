import type { Figure } from '../figures/types.js';
import type { StoredPassage } from '../store/corpusStore.js';
import { splitSentences } from '../text/sentences.js';

/** The full text a passage's figure offsets point into: body, then footnotes. */
export function passageFullText(passage: StoredPassage): string {
  return passage.footnotes ? `${passage.text}\n${passage.footnotes}` : passage.text;
}

/** Hard stops for a figure's context: the clause ends at these. */
const CLAUSE_STOP = /[;\n]|\.\s|\(\s*\d|\)/g;
const MAX_CONTEXT_CHARS = 160;

export interface FigureWindow {
  /** Text between the previous clause stop (or figure) and this figure. */
  before: string;
  /** Text between this figure and the next clause stop (or figure). */
  after: string;
}

/**
 * The words a figure belongs to: back to the previous figure or clause stop,
 * forward to the next one. In `giải quyết việc làm cho 23.250 người lao động,
 * trong đó có 2.749 người lao động đi làm việc ở nước ngoài`, 23.250 gets
 * `giải quyết việc làm cho` and 2.749 gets `trong đó có … nước ngoài`.
 */
export function figureWindow(text: string, figures: readonly Figure[], index: number): FigureWindow {
  const figure = figures[index]!;
  const prevEnd = index > 0 ? figures[index - 1]!.end : 0;
  const nextStart = index + 1 < figures.length ? figures[index + 1]!.start : text.length;
  let from = Math.max(prevEnd, figure.start - MAX_CONTEXT_CHARS, 0);
  let segment = text.slice(from, figure.start);
  let lastStop = -1;
  for (const m of segment.matchAll(CLAUSE_STOP)) lastStop = m.index! + m[0].length;
  // `Cai nghiện tự nguyện: 669 người` — a label before a colon belongs to the figure after it.
  if (lastStop >= 0) from += lastStop;
  segment = text.slice(from, figure.start);
  let to = Math.min(nextStart, figure.end + MAX_CONTEXT_CHARS, text.length);
  const tail = text.slice(figure.end, to);
  const stop = tail.search(/[;\n]|\.\s|\(/);
  if (stop >= 0) to = figure.end + stop;
  return { before: segment, after: text.slice(figure.end, to) };
}

/** The sentence holding a span, trimmed to its clause when the sentence is long. */
export function quoteFor(text: string, start: number, end: number, maxWords = 45): string {
  const sentences = splitSentences(text);
  const sentence = sentences.find((s) => s.start <= start && s.end >= end) ?? { start, end };
  let quote = text.slice(sentence.start, sentence.end).trim();
  if (quote.split(/\s+/).length <= maxWords) return quote;
  // Long sentence: keep the clauses around the figure, marked with ellipses.
  const local = start - sentence.start;
  const body = text.slice(sentence.start, sentence.end);
  const clauseStart = Math.max(body.lastIndexOf(';', local), body.lastIndexOf(':', local - 3)) + 1;
  let clauseEnd = body.indexOf(';', local + (end - start));
  if (clauseEnd < 0) clauseEnd = body.length;
  quote = body.slice(clauseStart, clauseEnd).trim();
  const words = quote.split(/\s+/);
  if (words.length > maxWords * 1.5) {
    const figureWordIndex = body.slice(clauseStart, local).split(/\s+/).length;
    const from = Math.max(0, figureWordIndex - Math.floor(maxWords / 2));
    quote = words.slice(from, from + maxWords).join(' ');
    if (from > 0) quote = `… ${quote}`;
    if (from + maxWords < words.length) quote = `${quote} …`;
    return quote;
  }
  return `${clauseStart > 0 ? '… ' : ''}${quote}${clauseEnd < body.length ? ' …' : ''}`;
}
