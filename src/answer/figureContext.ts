import type { StoredPassage } from '../store/corpusStore.js';
import { splitSentences } from '../text/sentences.js';

/** The full text a passage's figure offsets point into: body, then footnotes. */
export function passageFullText(passage: StoredPassage): string {
  return passage.footnotes ? `${passage.text}\n${passage.footnotes}` : passage.text;
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
