import { splitSentences, type Span } from '../text/sentences.js';

/**
 * Cuts clean report text into citable passages.
 *
 * A passage is a contiguous span of the clean text (`text === clean.slice(start, end)`)
 * of about 40–200 words, cut at paragraph ends and, inside long paragraphs, at
 * sentence ends. Short paragraphs under one heading are merged; nothing is merged
 * across a heading. Heading lines and footnote lines are not passages: a passage
 * carries its heading, and the footnotes its marks point to, so that a regulation
 * named only in a footnote is found from the sentence citing it.
 */

export interface Footnote {
  /** The mark as written in the text, e.g. `[1]`. */
  mark: string;
  text: string;
}

export interface Passage {
  /** 1-based position in the report. */
  n: number;
  /**
   * Nearest heading above, prefixed by its numbered parent: `4. … › 4.1. Công tác giảm nghèo`.
   * A title line opening the text is the document's, not a heading.
   */
  heading: string | null;
  text: string;
  start: number;
  end: number;
  footnotes: Footnote[];
}

/** Passages under this many words are merged with a neighbour when one fits. */
export const MIN_PASSAGE_WORDS = 40;
/** Paragraphs over this many words are cut at sentence ends into balanced parts. */
export const MAX_PASSAGE_WORDS = 200;

const HEADING_SEPARATOR = ' › ';
/** Unnumbered headings longer than this are paragraphs; a title line may be longer. */
const MAX_HEADING_WORDS = 20;
const MAX_TITLE_WORDS = 35;

const NUMBERED_HEADING = /^(?:([IVXLC]{1,5})[.)]|(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?|([a-zđ])\))\s+(\S.*)$/u;
const FOOTNOTE_LINE = /^\[(\d{1,3})\]\s*\S/;
const FOOTNOTE_MARK_G = /\[(\d{1,3})\]/g;
const FOOTNOTE_MARK_Y = /\[(\d{1,3})\]/y;
const LIST_ITEM = /^[-–•+]\s*\S/;
const UPPER_START = /^["“(]?\p{Lu}/u;
const FIGURE = /\d[.,]\d|%/;
const SENTENCE_INSIDE = /[.!?…]\s+\p{Lu}/u;
const CLAUSE_G = /; /g;
const TAB_OR_CR = /[\t\r]/;

type LineKind = 'heading' | 'footnote' | 'item' | 'lead' | 'body';

interface Line {
  start: number;
  end: number;
  words: number;
  kind: LineKind;
  /** Heading depth: title 0, `I.` 1, `1.` 2, `1.1.` 3, …, `a)` 6; unnumbered ones sit half a level below. */
  level: number;
}

interface Piece {
  start: number;
  end: number;
  words: number;
}

interface HeadingEntry {
  level: number;
  text: string;
  numbered: boolean;
}

/**
 * `standalone` holds the start offsets of lines that are passages on their own
 * (table rows): never merged with a neighbour, under the heading above them.
 */
export function splitPassages(text: string, standalone: ReadonlySet<number> = new Set()): Passage[] {
  const lines = scanLines(text);
  const footnotes = classifyLines(text, lines);
  const passages: Passage[] = [];
  const stack: HeadingEntry[] = [];
  let units: Piece[][] = [];
  let group: Piece[] | null = null;
  let pendingHeading: Line | null = null;

  const flush = (): void => {
    if (group) units.push(group);
    group = null;
    if (units.length === 0) return;
    pendingHeading = null;
    const heading = headingPath(stack);
    for (const piece of sizePieces(text, units)) {
      passages.push({
        n: passages.length + 1,
        heading,
        text: text.slice(piece.start, piece.end),
        start: piece.start,
        end: piece.end,
        footnotes: attachFootnotes(text, piece, footnotes),
      });
    }
    units = [];
  };
  const emitBareHeading = (): void => {
    if (!pendingHeading) return;
    const line = pendingHeading;
    pendingHeading = null;
    passages.push({
      n: passages.length + 1,
      heading: headingPath(stack),
      text: text.slice(line.start, line.end),
      start: line.start,
      end: line.end,
      footnotes: [],
    });
  };

  for (const line of lines) {
    const piece: Piece = { start: line.start, end: line.end, words: line.words };
    if (standalone.has(line.start)) {
      flush();
      // A table's caption heads its rows; it is not a passage of its own.
      pendingHeading = null;
      passages.push({
        n: passages.length + 1,
        heading: headingPath(stack),
        text: text.slice(line.start, line.end),
        start: line.start,
        end: line.end,
        footnotes: [],
      });
      continue;
    }
    switch (line.kind) {
      case 'heading': {
        flush();
        // A heading followed by one of its own level or above has no body: it stands alone.
        if (pendingHeading && line.level <= pendingHeading.level) emitBareHeading();
        while (stack.length > 0 && stack[stack.length - 1]!.level >= line.level) stack.pop();
        const numbered = line.level % 1 === 0 && line.level > 0;
        stack.push({ level: line.level, text: text.slice(line.start, line.end), numbered });
        pendingHeading = line;
        break;
      }
      case 'footnote':
        // Footnotes sit outside passages; a passage never spans one.
        flush();
        break;
      case 'lead':
        if (group) units.push(group);
        group = [piece];
        break;
      case 'item':
        if (group) group.push(piece);
        else units.push([piece]);
        break;
      case 'body':
        if (group) units.push(group);
        group = null;
        units.push([piece]);
        break;
    }
  }
  flush();
  emitBareHeading();
  return passages;
}

function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  // Without tabs or carriage returns, spaces alone part the words of a line, and counting them is quicker.
  const spacesOnly = !TAB_OR_CR.test(text);
  let from = 0;
  while (from <= text.length) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    let start = from;
    let stop = end;
    while (start < stop && isSpace(text.charCodeAt(start))) start++;
    while (stop > start && isSpace(text.charCodeAt(stop - 1))) stop--;
    if (stop > start) {
      const words = spacesOnly ? countSpaced(text, start, stop) : countWords(text, start, stop);
      lines.push({ start, end: stop, words, kind: 'body', level: 0 });
    }
    from = end + 1;
  }
  return lines;
}

/** Sets each line's kind; returns footnote texts by mark. */
function classifyLines(text: string, lines: Line[]): Map<string, string> {
  const footnotes = new Map<string, string>();
  const marksSeen = new Set<string>();
  let numberedLevel = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const content = text.slice(line.start, line.end);
    const hasMark = content.includes('[');
    const footnote = hasMark ? FOOTNOTE_LINE.exec(content) : null;
    // A footnote line repeats a mark the text used before it.
    if (footnote && marksSeen.has(footnote[1]!)) {
      line.kind = 'footnote';
      const mark = `[${footnote[1]}]`;
      if (!footnotes.has(mark)) footnotes.set(mark, content.slice(mark.length).trim());
      continue;
    }
    FOOTNOTE_MARK_G.lastIndex = 0;
    for (let m = hasMark ? FOOTNOTE_MARK_G.exec(content) : null; m; m = FOOTNOTE_MARK_G.exec(content))
      marksSeen.add(m[1]!);
    const next = lines[i + 1];
    const level = headingLevel(content, line.words, i === 0, numberedLevel);
    if (level !== null && next !== undefined) {
      line.kind = 'heading';
      line.level = level;
      if (level % 1 === 0 && level > 0) numberedLevel = level;
    } else if (LIST_ITEM.test(content)) line.kind = 'item';
    else if (content.endsWith(':')) line.kind = 'lead';
  }
  return footnotes;
}

/** The heading level of a line, or null when it is not a heading. */
function headingLevel(line: string, words: number, first: boolean, numberedLevel: number): number | null {
  const last = line[line.length - 1]!;
  if (last === '.' || last === ',' || last === ';' || last === '…') return null;
  const numbered = NUMBERED_HEADING.exec(line);
  if (numbered) {
    const [, roman, arabic, letter, rest] = numbered;
    if (!UPPER_START.test(rest!) || words > MAX_TITLE_WORDS) return null;
    if (arabic !== undefined && !/[.)]$/.test(line.slice(0, line.indexOf(' '))) && !arabic.includes('.')) return null;
    if (roman) return 1;
    if (letter) return 6;
    return 1 + arabic!.split('.').length;
  }
  // `Trong 9 tháng:` and `Một là:` lead into what follows; they are not headings.
  if (last === ':' || line.includes(';') || LIST_ITEM.test(line) || !UPPER_START.test(line)) return null;
  if (SENTENCE_INSIDE.test(line)) return null;
  if (first) return words <= MAX_TITLE_WORDS ? 0 : null;
  if (words > MAX_HEADING_WORDS || FIGURE.test(line)) return null;
  return numberedLevel + 0.5;
}

function headingPath(stack: HeadingEntry[]): string | null {
  const own = stack[stack.length - 1];
  // The title line (level 0) belongs to the document, not to its passages.
  if (!own || own.level === 0) return null;
  const parent = stack[stack.length - 2];
  // A numbered parent says which section a sub-heading belongs to; a title would only repeat itself.
  return parent?.numbered ? `${parent.text}${HEADING_SEPARATOR}${own.text}` : own.text;
}

/**
 * Pieces of one section: each unit (a paragraph, or a lead-in with its list items)
 * over the maximum is cut into balanced parts, then short neighbours are merged.
 */
function sizePieces(text: string, units: Piece[][]): Piece[] {
  const pieces: Piece[] = [];
  for (const unit of units) {
    const first = unit[0]!;
    const whole: Piece = { start: first.start, end: unit[unit.length - 1]!.end, words: sum(unit) };
    if (whole.words <= MAX_PASSAGE_WORDS) pieces.push(whole);
    else pieces.push(...balancedParts(atomsOf(text, unit), whole.words));
  }
  const merged: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const last = merged[merged.length - 1];
    const next = pieces[i + 1];
    const fitsLast = last !== undefined && last.words + piece.words <= MAX_PASSAGE_WORDS;
    const fitsNext = next !== undefined && piece.words + next.words <= MAX_PASSAGE_WORDS;
    if (fitsLast && last.words < MIN_PASSAGE_WORDS) join(last, piece);
    // A short piece joins the next one if it can, else the one before.
    else if (fitsLast && piece.words < MIN_PASSAGE_WORDS && !fitsNext) join(last, piece);
    else merged.push({ ...piece });
  }
  return merged;
}

function join(into: Piece, piece: Piece): void {
  into.end = piece.end;
  into.words += piece.words;
}

/**
 * Smallest cuttable parts of a long unit: its lines, then sentences of lines over
 * the maximum, then `;` clauses of sentences still over it. A lead-in line stays
 * glued to the item after it.
 */
function atomsOf(text: string, unit: Piece[]): Piece[] {
  const atoms: Piece[] = [];
  unit.forEach((line, i) => {
    let parts: Piece[] = [line];
    if (line.words > MAX_PASSAGE_WORDS) {
      parts = [];
      for (const sentence of sentencesIn(text, line)) {
        if (sentence.words > MAX_PASSAGE_WORDS) parts.push(...clausesIn(text, sentence));
        else parts.push(sentence);
      }
    }
    if (i === 1 && unit.length > 1 && atoms.length === 1) {
      // Keep the lead-in with its first item.
      const lead = atoms.pop()!;
      parts[0] = { start: lead.start, end: parts[0]!.end, words: lead.words + parts[0]!.words };
    }
    atoms.push(...parts);
  });
  return atoms;
}

function sentencesIn(text: string, line: Piece): Piece[] {
  return splitSentences(text.slice(line.start, line.end)).map((s: Span) => ({
    start: line.start + s.start,
    end: line.start + s.end,
    words: countWords(text, line.start + s.start, line.start + s.end),
  }));
}

/** Cuts an over-long sentence after its `; ` separators. */
function clausesIn(text: string, sentence: Piece): Piece[] {
  const parts: Piece[] = [];
  let start = sentence.start;
  const slice = text.slice(sentence.start, sentence.end);
  for (const m of slice.matchAll(CLAUSE_G)) {
    const end = sentence.start + m.index + 1;
    parts.push({ start, end, words: countWords(text, start, end) });
    start = end + 1;
  }
  parts.push({ start, end: sentence.end, words: countWords(text, start, sentence.end) });
  return parts;
}

/** Groups atoms into ⌈words / max⌉ parts, each cut at the atom end nearest its share. */
function balancedParts(atoms: Piece[], words: number): Piece[] {
  const count = Math.min(atoms.length, Math.ceil(words / MAX_PASSAGE_WORDS));
  const parts: Piece[] = [];
  let from = 0;
  let done = 0;
  for (let p = 1; p < count; p++) {
    const target = (words * p) / count;
    let to = from;
    let acc = done + atoms[to]!.words;
    // Leave at least one atom for every remaining part.
    while (
      to + 1 < atoms.length - (count - p) &&
      Math.abs(acc + atoms[to + 1]!.words - target) <= Math.abs(acc - target)
    ) {
      to++;
      acc += atoms[to]!.words;
    }
    parts.push(span(atoms, from, to));
    done = acc;
    from = to + 1;
  }
  parts.push(span(atoms, from, atoms.length - 1));
  return parts;
}

function span(atoms: Piece[], from: number, to: number): Piece {
  let words = 0;
  for (let i = from; i <= to; i++) words += atoms[i]!.words;
  return { start: atoms[from]!.start, end: atoms[to]!.end, words };
}

function attachFootnotes(text: string, piece: Piece, footnotes: Map<string, string>): Footnote[] {
  if (footnotes.size === 0) return [];
  const attached: Footnote[] = [];
  const seen = new Set<string>();
  // Marks are looked for at the brackets inside the piece only: a search for
  // the next mark could otherwise run on to the end of the text for every piece.
  for (let at = text.indexOf('[', piece.start); at >= 0 && at < piece.end; at = text.indexOf('[', at + 1)) {
    FOOTNOTE_MARK_Y.lastIndex = at;
    const m = FOOTNOTE_MARK_Y.exec(text);
    if (!m) continue;
    const mark = m[0];
    const note = footnotes.get(mark);
    if (note !== undefined && !seen.has(mark) && at + mark.length <= piece.end) {
      seen.add(mark);
      attached.push({ mark, text: note });
    }
    at += mark.length - 1;
  }
  return attached;
}

function sum(pieces: Piece[]): number {
  let words = 0;
  for (const p of pieces) words += p.words;
  return words;
}

function countWords(text: string, start: number, end: number): number {
  let count = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * Words of a trimmed line whose only white space is the space: one more than
 * its runs of spaces, found by native search rather than unit by unit.
 */
function countSpaced(text: string, start: number, end: number): number {
  let count = 1;
  for (let i = text.indexOf(' ', start); i >= 0 && i < end; i = text.indexOf(' ', i + 1)) {
    if (text.charCodeAt(i + 1) !== 32) count++;
  }
  return count;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}
