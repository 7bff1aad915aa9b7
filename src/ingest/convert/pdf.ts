import { basename } from 'node:path';
import { IngestError } from '../errors.js';
import type { Converter } from './types.js';

/**
 * PDFs with a text layer, read with PDF.js (the legacy build, which runs on
 * Node 20). Text items are grouped into lines by position and the lines read
 * top to bottom; running headers, footers and page numbers are dropped; lines
 * are joined into paragraphs, mending hyphenation at line ends; rows whose
 * pieces stand in aligned columns become `| cell | cell |` table rows.
 * Multi-column page layouts are read line by line across the columns.
 */

interface Segment {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  page: number;
  y: number;
  /** Font size (item height). */
  size: number;
  x0: number;
  x1: number;
  segments: Segment[];
}

interface PageLines {
  height: number;
  lines: Line[];
}

/**
 * Pieces of one line farther apart than this many font sizes are separate cells.
 * A word space is about 0.3; PDF.js itself starts a new item past 0.6.
 */
const CELL_GAP = 0.55;
/** Lines of the page's top or bottom share that may be running headers, footers or page numbers. */
const MARGIN_SHARE = 0.1;
const PAGE_NUMBER =
  /^(?:(?:trang|page)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?$|^\d{1,4}\s*\/\s*\d{1,4}$|^(?:trang|page)\s+\d{1,4}\s*(?:\/|of|trên)\s*\d{1,4}$/iu;
const LIST_START = /^(?:[-–—•+*]\s|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s|[IVXLC]{1,5}[.)]\s|[a-zđ]\)\s)/u;
const SENTENCE_END = /[.:;!?…]$/;
/** Lines of a wrapped cell stand this many font sizes apart at most. */
const WRAP_GAP = 1.6;
const BULLET = /^[•◦▪‣●○■□–—*-]$/u;
const NUMBER = /^[-+]?\d[\d.,]*\s*%?$/;
const HYPHEN_END = /\p{L}-$/u;
const LOWER_START = /^\p{Ll}/u;
/** A PDF whose pages hold fewer characters than this in all has no text layer to speak of. */
const MIN_TEXT_CHARS = 20;

export const pdfConverter: Converter = {
  format: 'pdf',
  extensions: ['.pdf'],
  async convert(bytes, file) {
    const name = basename(file);
    const pages = await readPages(bytes, file);
    const chars = pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + textOf(l).length, 0), 0);
    if (chars < MIN_TEXT_CHARS) {
      throw new IngestError(
        `${name}: the PDF has no text layer (a scanned image); OCR is needed to read it, nothing was ingested from it`,
        file,
        'no_text',
      );
    }
    const lines = dropFurniture(pages);
    return { text: layout(lines), markup: 'txt', warnings: [] };
  },
};

async function readPages(bytes: Buffer, file: string): Promise<PageLines[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // PDF.js takes the buffer over; it gets a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: PageLines[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.getViewport({ scale: 1 }).height;
      const content = await page.getTextContent();
      const items: { x: number; y: number; w: number; size: number; str: string }[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const t = item.transform as number[];
        const size = Math.abs(item.height) || Math.hypot(t[2]!, t[3]!) || 10;
        items.push({ x: t[4]!, y: t[5]!, w: item.width, size, str: item.str });
      }
      pages.push({ height, lines: toLines(items, n) });
      page.cleanup();
    }
    return pages;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new IngestError(`${basename(file)}: not a readable PDF (${why})`, file, 'malformed');
  } finally {
    await task.destroy();
  }
}

function toLines(items: { x: number; y: number; w: number; size: number; str: string }[], page: number): Line[] {
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: (typeof items)[] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - item.y) <= row[0]!.size * 0.5) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((i) => i.size));
    const segments: Segment[] = [];
    for (const item of row) {
      const last = segments[segments.length - 1];
      const gap = last ? item.x - last.x1 : Infinity;
      if (last && gap <= size * CELL_GAP) {
        const space = gap > size * 0.15 && !last.text.endsWith(' ') && !item.str.startsWith(' ') ? ' ' : '';
        last.text += space + item.str;
        last.x1 = Math.max(last.x1, item.x + item.w);
      } else segments.push({ x0: item.x, x1: item.x + item.w, text: item.str });
    }
    for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
    // A bullet set apart from its text is one piece with it, not a cell.
    if (segments.length > 1 && BULLET.test(segments[0]!.text)) {
      const [bullet, next] = segments.splice(0, 2) as [Segment, Segment];
      segments.unshift({ x0: bullet.x0, x1: next.x1, text: `${bullet.text} ${next.text}` });
    }
    return { page, y: row[0]!.y, size, x0: segments[0]!.x0, x1: segments[segments.length - 1]!.x1, segments };
  });
}

const textOf = (line: Line): string => line.segments.map((s) => s.text).join(' ');

/**
 * Running headers and footers repeat in a page's margin on two pages or more
 * (page numbers changing: digits are ignored in the comparison); page numbers
 * stand alone in the margin.
 */
function dropFurniture(pages: PageLines[]): Line[] {
  const inMargin = (line: Line, height: number) =>
    line.y > height * (1 - MARGIN_SHARE) || line.y < height * MARGIN_SHARE;
  const key = (line: Line) => textOf(line).toLowerCase().replace(/\d+/g, '#');
  const seen = new Map<string, Set<number>>();
  for (const p of pages)
    for (const line of p.lines) {
      if (!inMargin(line, p.height)) continue;
      const k = key(line);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(line.page);
    }
  const kept: Line[] = [];
  for (const p of pages)
    for (const line of p.lines) {
      if (inMargin(line, p.height)) {
        if (PAGE_NUMBER.test(textOf(line))) continue;
        if (pages.length > 1 && seen.get(key(line))!.size >= 2) continue;
      }
      kept.push(line);
    }
  return kept;
}

/** Lines to text: table runs as `| … |` rows, the rest joined into paragraphs. */
function layout(lines: Line[]): string {
  const blocks: string[] = [];
  let paragraph = '';
  /** Where the paragraph's first line starts, and whether it is a list item (its next lines hang indented). */
  let first = { x0: 0, item: false };
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const flush = () => {
    if (paragraph) blocks.push(paragraph);
    paragraph = '';
  };
  for (let i = 0; i < lines.length;) {
    const table = tableRun(lines, i);
    if (table) {
      flush();
      blocks.push(table.rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));
      i = table.end;
      continue;
    }
    const line = lines[i]!;
    const text = textOf(line);
    const prev = lines[i - 1];
    if (paragraph && prev && continues(prev, line, paragraph, first, left, right)) {
      paragraph =
        HYPHEN_END.test(paragraph) && LOWER_START.test(text) ? paragraph.slice(0, -1) + text : `${paragraph} ${text}`;
    } else {
      flush();
      paragraph = text;
      first = { x0: line.x0, item: LIST_START.test(text) };
    }
    i++;
  }
  flush();
  return blocks.join('\n\n');
}

/** Whether `line` goes on the paragraph that `prev` ended. */
function continues(
  prev: Line,
  line: Line,
  paragraph: string,
  first: { x0: number; item: boolean },
  left: number,
  right: number,
): boolean {
  const text = textOf(line);
  if (LIST_START.test(text)) return false;
  if (Math.abs(line.size - prev.size) > prev.size * 0.15) return false;
  if (line.page === prev.page && prev.y - line.y > prev.size * 1.9) return false;
  // An indented first line opens a paragraph (a list item's next lines hang indented);
  // a short line ending a sentence closes one.
  const hanging = first.item && line.x0 > first.x0;
  if (!hanging && line.x0 > left + prev.size * 1.5 && line.x0 > prev.x0 + 2) return false;
  const width = right - left;
  if (prev.x1 < right - width * 0.15 && SENTENCE_END.test(paragraph)) return false;
  // A line of under 60% of the width standing alone is a heading.
  if (prev.x1 - prev.x0 < width * 0.6 && prev.segments.length === 1 && paragraph === textOf(prev)) return false;
  return true;
}

/**
 * A table starting at line `from`: three or more lines in a row with several
 * pieces each, on one page. Columns are the pieces' spans of the rows with the
 * most pieces; a piece of another row covering several columns is a merged
 * cell and fills each of them.
 */
function tableRun(lines: Line[], from: number): { rows: string[][]; end: number } | null {
  let end = from;
  const page = lines[from]!.page;
  // A line of one piece just below a row may be the rest of a cell wrapped in it (a long label).
  const wrapped = (i: number): boolean =>
    i > from &&
    lines[i]!.segments.length === 1 &&
    lines[i - 1]!.y - lines[i]!.y <= lines[i]!.size * WRAP_GAP &&
    (lines[i - 1]!.segments.length >= 2 || wrapped(i - 1));
  while (end < lines.length && lines[end]!.page === page && (lines[end]!.segments.length >= 2 || wrapped(end))) end++;
  if (lines.slice(from, end).filter((l) => l.segments.length >= 2).length < 3) return null;
  let run = lines.slice(from, end);
  // A table of results has figures in its cells; aligned prose or a form has not.
  if (run.filter((l) => l.segments.slice(1).some((s) => NUMBER.test(s.text))).length < 2) return null;
  const most = Math.max(...run.map((l) => l.segments.length));
  if (most < 3) return null;
  const columns: { x0: number; x1: number }[] = [];
  for (const line of run) {
    if (line.segments.length < most) continue;
    for (const s of line.segments) {
      const hit = columns.filter((c) => s.x0 <= c.x1 && s.x1 >= c.x0);
      if (hit.length === 0) columns.push({ x0: s.x0, x1: s.x1 });
      else {
        const merged = { x0: Math.min(s.x0, ...hit.map((c) => c.x0)), x1: Math.max(s.x1, ...hit.map((c) => c.x1)) };
        for (const c of hit) columns.splice(columns.indexOf(c), 1);
        columns.push(merged);
      }
    }
  }
  columns.sort((a, b) => a.x0 - b.x0);
  // Justified prose has wide gaps too, but where they fall changes from line to line.
  if (columns.length < 3) return null;
  const rows: string[][] = [];
  for (const [k, line] of run.entries()) {
    if (line.segments.length === 1) {
      const s = line.segments[0]!;
      const covered = columns.filter((c) => Math.min(s.x1, c.x1) - Math.max(s.x0, c.x0) > 0);
      const last = rows[rows.length - 1];
      // Wider than one column: prose after the table, which ends here.
      if (covered.length !== 1 || !last) {
        run = run.slice(0, k);
        break;
      }
      const at = columns.indexOf(covered[0]!);
      last[at] = last[at] ? `${last[at]} ${s.text}` : s.text;
      continue;
    }
    const cells = columns.map(() => '');
    for (const s of line.segments) {
      const covered = columns
        .map((c, i) => ({ i, overlap: Math.min(s.x1, c.x1) - Math.max(s.x0, c.x0) }))
        .filter((c) => c.overlap > 0)
        .map((c) => c.i);
      const targets = covered.length > 0 ? covered : [nearest(columns, s)];
      for (const i of targets) cells[i] = cells[i] ? `${cells[i]} ${s.text}` : s.text;
    }
    rows.push(cells);
  }
  return { rows, end: from + run.length };
}

function nearest(columns: { x0: number; x1: number }[], s: Segment): number {
  const mid = (s.x0 + s.x1) / 2;
  let best = 0;
  columns.forEach((c, i) => {
    if (Math.abs((c.x0 + c.x1) / 2 - mid) < Math.abs((columns[best]!.x0 + columns[best]!.x1) / 2 - mid)) best = i;
  });
  return best;
}
