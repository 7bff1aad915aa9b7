/**
 * Sentence boundaries in Vietnamese report text.
 *
 * A line break always ends a sentence. Inside a line, `.`, `!`, `?` and `…` end one
 * only when the next word starts a sentence (capital, digit, bracket or dash), so
 * that `40.512`, `2,4%`, `TP. Hồ Chí Minh`, `v.v.`, `4.1.` at a line start and
 * `người…, với` stay whole. Closing quotes, `./.` and footnote marks after the stop
 * (`…năm 2024.[3]`) stay with the sentence they close.
 */

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations written with a final dot that never end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'TP',
  'Tp',
  'tp',
  'TX',
  'Tx',
  'TT',
  'Tt',
  'ThS',
  'Ths',
  'TS',
  'PGS',
  'GS',
  'BS',
  'KS',
  'NCS',
  'v.v',
  'vv',
  'tr',
  'Tr',
  'St',
  'Nxb',
  'NXB',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
]);

const STOPS_G = /[.!?…]+/g;
const CLOSERS = new Set(['”', '"', '’', "'", ')', ']', '»']);
const FOOTNOTE_MARK_Y = /\[\d{1,3}\]/y;
/** `4.1`, `IV`, `a` before the dot at a line start: a heading or list number. */
const LINE_NUMBER = /^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVXLC]{1,5}|[a-zđ])$/;
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /[\p{L}]/u;
const OPENERS = '“"‘\'([«-–•+';

/** Sentence spans, in order, trimmed of surrounding whitespace. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    splitLine(text, lineStart, lineEnd, spans);
    lineStart = lineEnd + 1;
  }
  return spans;
}

function splitLine(text: string, lineStart: number, lineEnd: number, spans: Span[]): void {
  let sentenceStart = lineStart;
  STOPS_G.lastIndex = lineStart;
  for (let m = STOPS_G.exec(text); m && m.index < lineEnd; m = STOPS_G.exec(text)) {
    const end = sentenceEndAt(text, lineStart, lineEnd, m.index, m.index + m[0].length);
    if (end < 0) continue;
    pushTrimmed(text, sentenceStart, end, spans);
    sentenceStart = end;
    STOPS_G.lastIndex = end;
  }
  pushTrimmed(text, sentenceStart, lineEnd, spans);
}

/** End offset of the sentence closed by the stop run `[from, to)`, or -1 when it closes none. */
function sentenceEndAt(text: string, lineStart: number, lineEnd: number, from: number, to: number): number {
  const stops = text.slice(from, to);
  if (stops.endsWith('.') && !stops.includes('…') && stops.length === 1) {
    const token = tokenBefore(text, lineStart, from);
    if (ABBREVIATIONS.has(token) || INITIALISM.test(token)) return -1;
    if (token.length === 1 && UPPER.test(token)) return -1;
    if (from - lineStart <= 16 && LINE_NUMBER.test(text.slice(lineStart, from).trim())) return -1;
  }
  let j = to;
  // `./.` closes official documents; `.../.` too.
  if (text[j] === '/' && text[j + 1] === '.') j += 2;
  while (j < lineEnd && CLOSERS.has(text[j]!)) j++;
  for (;;) {
    FOOTNOTE_MARK_Y.lastIndex = j;
    if (j >= lineEnd || !FOOTNOTE_MARK_Y.test(text)) break;
    j = FOOTNOTE_MARK_Y.lastIndex;
  }
  if (j >= lineEnd) return lineEnd;
  const next = text[j]!;
  if (next === ' ' || next === '\t' || next === '\r') {
    let k = j;
    while (k < lineEnd && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
    if (k >= lineEnd) return j;
    const c = text[k]!;
    return UPPER.test(c) || (c >= '0' && c <= '9') || OPENERS.includes(c) ? j : -1;
  }
  // A missing space after a full stop (`thành phố.Tổ chức`) still ends the sentence.
  if (j === to && stops === '.' && UPPER.test(next) && from > lineStart && LOWER.test(text[from - 1]!)) {
    return LETTER.test(text[j + 1] ?? '') ? j : -1;
  }
  return -1;
}

/** The word (letters and inner dots) right before a dot, e.g. `TP`, `v.v`. */
function tokenBefore(text: string, lineStart: number, dot: number): string {
  let i = dot;
  while (i > lineStart && inToken(text, lineStart, i - 1)) i--;
  return text.slice(i, dot);
}

function inToken(text: string, lineStart: number, k: number): boolean {
  return LETTER.test(text[k]!) || (text[k] === '.' && k > lineStart && LETTER.test(text[k - 1]!));
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) spans.push({ start, end });
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
