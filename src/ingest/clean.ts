import { convert, type DomNode, type HtmlToTextOptions } from 'html-to-text';
import { removeFormatCharacters } from '../text/normalize.js';
import { limitHtmlDepth, MAX_HTML_DEPTH } from './htmlDepth.js';
import type { ReportFormat } from './read.js';

/**
 * From a scraped report to the article text.
 *
 * Scraped pages carry furniture around the article: a category label and a
 * timestamp above the title, photo captions, the byline, keyword lists, the
 * comment box and a list of related headlines with their stamps. All of it is
 * removed line by line and recorded, so quotes drawn from the text are the
 * report's own words. The text keeps the report's spelling and tone placement
 * (NFC only); search-time folding happens elsewhere.
 */

export type FurnitureKind =
  | 'category'
  | 'timestamp'
  | 'related'
  | 'bullet'
  | 'punctuation'
  | 'tags'
  | 'comments'
  | 'author'
  | 'byline'
  | 'caption'
  | 'image'
  | 'share'
  | 'mojibake'
  | 'html';

export interface RemovedLine {
  kind: FurnitureKind;
  line: string;
}

export interface CleanedReport {
  text: string;
  /** Lines that look like the article title, best first; empty when none does. */
  titleCandidates: string[];
  removed: RemovedLine[];
  /** Publication date (ISO `YYYY-MM-DD`) from the page's timestamp, when it has one. */
  published?: string;
  /** What cleaning changed beyond furniture (e.g. HTML nested too deep, flattened). */
  warnings: string[];
}

const NEWLINE = /\r\n?|\n|\u2028|\u2029/;
const CONTROL_G = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const EXOTIC_SPACE_G = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const SPACES_G = / {2,}/g;
/**
 * Code units that `CONTROL_G` or `EXOTIC_SPACE_G` change, marked 1,
 * built on first use: one table look-up per unit beats three regex scans.
 */
let unusual: Uint8Array | null = null;

function unusualUnits(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const units: string[] = [];
  for (let c = 0; c < 0x10000; c += 0x1000)
    units.push(String.fromCharCode(...Array.from({ length: 0x1000 }, (_, k) => c + k)));
  // Every code unit once, in order: each match's index is its code.
  const all = units.join('');
  for (const re of [CONTROL_G, EXOTIC_SPACE_G]) for (const m of all.matchAll(re)) table[m.index] = 1;
  return table;
}

function hasUnusual(text: string): boolean {
  const table = (unusual ??= unusualUnits());
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}

const LONE_BULLET = /^[-–—•*+]$/;
const LONE_PUNCTUATION = /^[.…,;:|·]+$/;
const STAMP =
  /^(?:(?:thứ\s+\p{L}+|chủ nhật)\s*,?\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*[-–—,|]?\s*)?\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:\s*[-–—,|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?(?:\s*\(GMT\s*[+-]\s*\d{1,2}\))?(?:\s+\d{1,7})?$/iu;
const DATE = /(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/;
/** A dateline: `Đăng ngày 12/01/2024 · Chuyên mục: …`, `Cập nhật lúc 08:30 12/01/2024`. */
const DATELINE =
  /^(?:(?:ngày\s+)?đăng(?:\s+(?:ngày|lúc|tải))?|cập nhật(?:\s+(?:ngày|lúc))?|ngày đăng|ngày cập nhật|published|posted|updated)\s*:?\s*(?:\d{1,2}:\d{2}\s*)?\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b.{0,120}$|^chuyên mục\s*:.{0,80}$/iu;
const TAGS = /^(?:từ khóa|từ khoá|tags?|thẻ)\s*:\s*(.*)$/iu;
const COMMENTS =
  /^(?:ý kiến bạn đọc|bình luận|gửi bình luận|viết bình luận|ý kiến của bạn|gửi ý kiến)(?:\s*\(\d+\))?\s*:?$/iu;
const AUTHOR = /^(?:tác giả|người viết|biên tập viên)\s*:/iu;
const RELATED_HEADER =
  /^(?:tin liên quan|bài liên quan|bài viết liên quan|tin cùng chuyên mục|các tin khác|tin khác|tin mới|tin mới nhất|tin đọc nhiều|đọc nhiều|xem thêm|đọc thêm|có thể bạn quan tâm|bài viết khác)\s*:?$/iu;
const SHARE = /^(?:chia sẻ|in bài|bản in|gửi email|lưu tin|facebook|zalo|twitter)$/iu;
const IMAGE_FILE = /^[\p{L}\p{N}_\-. ()%]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$/iu;
const PHOTO_CREDIT = /^(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ)\s*:|^\(\s*(?:ảnh|nguồn ảnh)[^()]*\)$/iu;
const PHOTO_TAIL =
  /(?:\(\s*(?:ảnh|nguồn ảnh)(?:\s*minh\s*ho[ạa]|\s*minh\s*họa)?\s*(?::[^()]*)?\)|\s[-–]\s*ảnh\s*:[^.]*)$/iu;
const MOJIBAKE = /\p{L}\?+\p{L}|\?\?|\uFFFD/u;
const BYLINE = /^(?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}|\p{Lu}{2,6})(?:\s*\([^()]{1,40}\))?$/u;
const CATEGORY = /^[\p{L}][\p{L} ,&/-]*$/u;
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}|[IVXLC]{1,5}[.)]|[a-zđ]\))\s/u;
const BULLET_START = /^[-–—•*+]\s/;
const UPPER_START = /^["“(]?\p{Lu}/u;
const PLACE_COLON = /^\p{Lu}[\p{L}.' -]{1,40}: \S/u;
const SENTENCE_INSIDE = /[.!?…]\s+\p{Lu}/u;
const SENTENCE_END = /[.!?…:;)"”]$/;
const HAS_DIGIT = /\d/;

const MAX_CATEGORY_WORDS = 3;
const MAX_BYLINE_WORDS = 4;
/** Lines at most this long may be related headlines; article paragraphs are longer. */
const MAX_HEADLINE_WORDS = 35;
const MAX_FURNITURE_WORDS = 15;
const MIN_CAPTION_WORDS = 8;
const MAX_CAPTION_WORDS = 30;

export function cleanReport(raw: string, format: ReportFormat): CleanedReport {
  const removed: RemovedLine[] = [];
  const warnings: string[] = [];
  const extraTitles: { text: string; score: number }[] = [];
  let published: string | undefined;
  let plain = raw;
  if (format === 'html') {
    const html = htmlToPlain(raw, removed, warnings);
    plain = html.text;
    if (html.title) extraTitles.push({ text: html.title, score: 1.5 });
    published = html.published;
  } else if (format === 'md') {
    const md = markdownToPlain(raw);
    plain = md.text;
    if (md.title) extraTitles.push({ text: md.title, score: 4 });
  }
  const lines = normalizeLines(plain);
  const page = classify(lines);
  for (let i = 0; i < lines.length; i++) {
    const kind = page.drop[i];
    if (kind) removed.push({ kind, line: lines[i]! });
  }
  published ??= page.published;
  const result: CleanedReport = {
    text: joinKept(lines, page.drop),
    titleCandidates: rankTitles(page.titles, extraTitles),
    removed,
    warnings,
  };
  if (published) result.published = published;
  return result;
}

function normalizeLines(text: string): string[] {
  let normal = removeFormatCharacters(text).normalize('NFC');
  // Most reports have none of these: one scan to tell saves two.
  if (hasUnusual(normal)) normal = normal.replace(CONTROL_G, '').replace(EXOTIC_SPACE_G, ' ');
  const lines = normal.split(NEWLINE);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    lines[i] = (line.includes('  ') ? line.replace(SPACES_G, ' ') : line).trim();
  }
  return lines;
}

interface PageLayout {
  drop: (FurnitureKind | null)[];
  titles: { text: string; score: number }[];
  published?: string;
}

function classify(lines: string[]): PageLayout {
  const n = lines.length;
  const drop: (FurnitureKind | null)[] = new Array<FurnitureKind | null>(n).fill(null);
  const words = lines.map(countWords);
  for (let i = 0; i < n; i++) if (lines[i]) drop[i] = lineFurniture(lines[i]!, words[i]!);
  dropTagLines(lines, words, drop);

  const nextKept = (from: number): number => {
    for (let j = from; j < n; j++) if (lines[j] && !drop[j]) return j;
    return -1;
  };
  const nextLine = (from: number): number => {
    for (let j = from; j < n; j++) if (lines[j]) return j;
    return -1;
  };
  const prevLine = (from: number): number => {
    for (let j = from; j >= 0; j--) if (lines[j]) return j;
    return -1;
  };

  let bodyStart = n;
  for (let i = 0; i < n; i++) {
    if (lines[i] && !drop[i] && isParagraph(lines[i]!, words[i]!)) {
      bodyStart = i;
      break;
    }
  }

  // Header: category label, timestamp, title, captions under the title.
  let published: string | undefined;
  const titles: { text: string; score: number }[] = [];
  const first = nextKept(0);
  if (first >= 0 && first < bodyStart && words[first]! <= MAX_CATEGORY_WORDS && CATEGORY.test(lines[first]!)) {
    const after = nextKept(first + 1);
    if (after >= 0 && isTitleLike(lines[after]!, words[after]!)) drop[first] = 'category';
  }
  for (let i = 0; i < bodyStart; i++) {
    if (!lines[i]) continue;
    if (drop[i] === 'timestamp') {
      published ??= isoDate(lines[i]!);
      continue;
    }
    if (drop[i] || !isTitleLike(lines[i]!, words[i]!)) continue;
    if (titles.length > 0 && isCaptionLike(lines[i]!, words[i]!)) {
      drop[i] = 'caption';
      continue;
    }
    const before = prevLine(i - 1);
    const after = nextLine(i + 1);
    let score = 1;
    if ((before >= 0 && drop[before] === 'category') || (after >= 0 && drop[after] === 'timestamp')) score += 2;
    if (PLACE_COLON.test(lines[i]!)) score += 1;
    titles.push({ text: lines[i]!, score });
  }
  // A photo caption often follows the lead paragraph of a titled article.
  if (titles.length > 0 && bodyStart < n) {
    const caption = nextKept(bodyStart + 1);
    const after = caption >= 0 ? nextKept(caption + 1) : -1;
    if (
      caption >= 0 &&
      after >= 0 &&
      isCaptionLike(lines[caption]!, words[caption]!) &&
      isParagraph(lines[after]!, words[after]!)
    ) {
      drop[caption] = 'caption';
    }
  }

  // Tail: once related headlines, keywords or comments start and only short lines follow, all of it goes.
  const shortFrom = new Array<boolean>(n + 1).fill(true);
  for (let i = n - 1; i >= 0; i--) shortFrom[i] = shortFrom[i + 1]! && isShortLine(lines[i]!, words[i]!);
  let tailStart = n;
  for (let i = Math.min(bodyStart + 1, n); i < n; i++) {
    if (!lines[i] || !shortFrom[i]) continue;
    if (startsTail(i)) {
      tailStart = i;
      break;
    }
  }
  for (let i = tailStart; i < n; i++) if (lines[i] && !drop[i]) drop[i] = 'related';
  // Related headlines inside the article: the headline above each stamp.
  for (let i = bodyStart + 1; i < tailStart; i++) {
    if (drop[i] !== 'timestamp') continue;
    const headline = prevLine(i - 1);
    if (headline > bodyStart && !drop[headline] && isHeadline(lines[headline]!, words[headline]!))
      drop[headline] = 'related';
  }

  // Byline: a short name (and a lone dot) closing the article.
  for (let i = tailStart - 1, seen = 0; i > bodyStart && seen < 3; i--) {
    if (!lines[i] || drop[i]) continue;
    seen++;
    if (words[i]! <= MAX_BYLINE_WORDS && BYLINE.test(lines[i]!)) drop[i] = 'byline';
    else break;
  }

  const layout: PageLayout = { drop, titles };
  if (published) layout.published = published;
  return layout;

  function startsTail(i: number): boolean {
    const kind = drop[i];
    if (kind === 'tags' || kind === 'comments' || kind === 'related' || kind === 'author' || kind === 'share')
      return true;
    const next = nextLine(i + 1);
    if (kind === 'bullet') {
      const stamp = next >= 0 ? nextLine(next + 1) : -1;
      return stamp >= 0 && drop[stamp] === 'timestamp';
    }
    return !kind && next >= 0 && drop[next] === 'timestamp' && isHeadline(lines[i]!, words[i]!);
  }
}

function lineFurniture(line: string, words: number): FurnitureKind | null {
  // Furniture lines are short; testing the word count first keeps long paragraphs cheap.
  if (words > MAX_CAPTION_WORDS + 10) return null;
  if (LONE_BULLET.test(line)) return 'bullet';
  if (LONE_PUNCTUATION.test(line)) return 'punctuation';
  if (STAMP.test(line) || DATELINE.test(line)) return 'timestamp';
  if (TAGS.test(line)) return 'tags';
  if (COMMENTS.test(line)) return 'comments';
  if (AUTHOR.test(line) && words <= MAX_FURNITURE_WORDS) return 'author';
  if (RELATED_HEADER.test(line)) return 'related';
  if (SHARE.test(line)) return 'share';
  if (words <= 3 && IMAGE_FILE.test(line)) return 'image';
  if (PHOTO_CREDIT.test(line) && words <= MAX_CAPTION_WORDS) return 'caption';
  if (PHOTO_TAIL.test(line) && !SENTENCE_INSIDE.test(line)) return 'caption';
  if (words <= MAX_FURNITURE_WORDS && MOJIBAKE.test(line)) return 'mojibake';
  return null;
}

/** `Từ khóa:` with nothing after it is followed by the keyword line. */
function dropTagLines(lines: string[], words: number[], drop: (FurnitureKind | null)[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (drop[i] !== 'tags' || TAGS.exec(lines[i]!)?.[1]) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j]) j++;
    if (j < lines.length && !drop[j] && words[j]! <= MAX_FURNITURE_WORDS * 2 && !SENTENCE_END.test(lines[j]!)) {
      drop[j] = 'tags';
    }
  }
}

function isParagraph(line: string, words: number): boolean {
  return (words >= 12 && SENTENCE_END.test(line)) || words >= 40;
}

function isTitleLike(line: string, words: number): boolean {
  return (
    words >= 4 &&
    words <= 40 &&
    !/[.;,:]$/.test(line) &&
    !line.includes(';') &&
    UPPER_START.test(line) &&
    !NUMBERED.test(line) &&
    !BULLET_START.test(line) &&
    !SENTENCE_INSIDE.test(line)
  );
}

/**
 * Captions describe a photo: a plain line, no figures, no final stop, and longer
 * than a section heading (`Công tác giảm nghèo`) so that one is never taken for it.
 */
function isCaptionLike(line: string, words: number): boolean {
  return (
    isTitleLike(line, words) &&
    words >= MIN_CAPTION_WORDS &&
    words <= MAX_CAPTION_WORDS &&
    !HAS_DIGIT.test(line) &&
    !/[!?…]$/.test(line)
  );
}

function isHeadline(line: string, words: number): boolean {
  return words <= MAX_HEADLINE_WORDS && !/[.;:]$/.test(line);
}

function isShortLine(line: string, words: number): boolean {
  if (!line) return true;
  return words <= MAX_HEADLINE_WORDS && !(words >= MAX_FURNITURE_WORDS && /\.$/.test(line));
}

function isoDate(line: string): string | undefined {
  const m = DATE.exec(line);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function rankTitles(found: { text: string; score: number }[], extra: { text: string; score: number }[]): string[] {
  const all = [...extra, ...found].filter((t) => t.text.length > 0);
  // Stable sort keeps page order among equal scores.
  all.sort((a, b) => b.score - a.score);
  return [...new Set(all.map((t) => t.text))];
}

function joinKept(lines: string[], drop: (FurnitureKind | null)[]): string {
  const out: string[] = [];
  let blank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) {
      blank = out.length > 0;
      continue;
    }
    if (drop[i]) continue;
    if (out.length > 0) out.push(blank ? '\n\n' : '\n');
    out.push(line);
    blank = false;
  }
  return out.join('');
}

/**
 * Words of a normalised line (trimmed, single spaces), counted up to
 * `WORDS_ENOUGH`: every rule above compares the count with at most 40, and
 * paragraphs are far longer, so the rest of a long line need not be read.
 */
function countWords(line: string): number {
  if (!line) return 0;
  let count = 1;
  for (let i = line.indexOf(' '); i >= 0; i = line.indexOf(' ', i + 1)) if (++count === WORDS_ENOUGH) break;
  return count;
}

/** One more than the largest count a rule compares with. */
const WORDS_ENOUGH = 41;

// ---- HTML ----

const DROPPED_TAGS = ['nav', 'header', 'footer', 'aside', 'figcaption', 'form'];
const SILENT_TAGS = ['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head', 'title', 'button', 'select'];
const HTML_TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;
const HTML_PUBLISHED =
  /<meta[^>]+(?:article:published_time|datePublished|pubdate)[^>]+content=["'](\d{4}-\d{2}-\d{2})|<time[^>]+datetime=["'](\d{4}-\d{2}-\d{2})/i;

function htmlToPlain(
  html: string,
  removed: RemovedLine[],
  warnings: string[],
): { text: string; title?: string; published?: string } {
  const limited = limitHtmlDepth(html);
  if (limited.flattened > 0) {
    warnings.push(
      `HTML nested ${limited.depth} levels deep; ${limited.flattened} elements below level ${MAX_HTML_DEPTH} were flattened to their text`,
    );
  }
  const record = (elem: DomNode): void => {
    const text = textOf(elem).replace(/\s+/g, ' ').trim();
    if (text) removed.push({ kind: 'html', line: `<${elem.name ?? '?'}> ${text}` });
  };
  const options: HtmlToTextOptions = {
    wordwrap: false,
    formatters: {
      recordAndSkip: (elem) => record(elem),
      // Tables read as `| cell | cell |` rows, as in Markdown, so a header row is never taken for a
      // heading; a merged cell is repeated in every column and row it covers.
      tableGrid: (elem, _walk, builder) => {
        builder.openBlock({ leadingLineBreaks: 2 });
        for (const row of tableGrid(elem)) {
          builder.addLiteral(`| ${row.join(' | ')} |`);
          builder.addLineBreak();
        }
        builder.closeBlock({ trailingLineBreaks: 2 });
      },
    },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'hr', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'ul', options: { itemPrefix: '- ' } },
      { selector: 'table', format: 'tableGrid' },
      ...SILENT_TAGS.map((selector) => ({ selector, format: 'skip' })),
      ...DROPPED_TAGS.map((selector) => ({ selector, format: 'recordAndSkip' })),
    ],
  };
  const result: { text: string; title?: string; published?: string } = { text: convert(limited.html, options) };
  const title = HTML_TITLE.exec(html)?.[1];
  if (title) {
    const text = convert(title, { wordwrap: false }).replace(/\s+/g, ' ').trim();
    // Page titles often end with `| Site name`.
    const [main] = text.split(' | ');
    if (main) result.title = main.normalize('NFC');
  }
  const date = HTML_PUBLISHED.exec(html);
  if (date) result.published = date[1] ?? date[2];
  return result;
}

/** Most rows or columns one cell may span; a larger span attribute is a typo or a trap. */
const MAX_SPAN = 50;

/** The cells of a table as a grid, spans filled in; nested tables read as their cells' text. */
function tableGrid(table: DomNode): string[][] {
  const rows: DomNode[] = [];
  const collect = (node: DomNode) => {
    for (const child of node.children ?? []) {
      if (child.name === 'tr') rows.push(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') collect(child);
    }
  };
  collect(table);
  const grid: string[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of (row.children ?? []).filter((x) => x.name === 'td' || x.name === 'th')) {
      while (grid[r]![c] !== undefined) c++;
      const text = textOf(cell).replace(/\s+/g, ' ').replace(/\|/g, '/').trim();
      const span = (name: string) => Math.min(MAX_SPAN, Math.max(1, Number(cell.attribs?.[name]) || 1));
      const cols = span('colspan');
      const down = Math.min(span('rowspan'), rows.length - r);
      for (let dr = 0; dr < down; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc++) grid[r + dr]![c + dc] = text;
      }
      c += cols;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  let text = '';
  for (const child of node.children ?? []) text += ` ${textOf(child)}`;
  return text;
}

// ---- Markdown ----

const MD_FENCE = /^\s*(?:```|~~~)/;
const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const MD_QUOTE = /^\s*>\s?/;
const MD_RULE = /^\s*(?:[-*_]\s*){3,}$/;
const MD_TABLE_RULE = /^\s*\|?[\s:|-]*-{3}[\s:|-]*$/;
const MD_STAR_BULLET = /^\s*[*+]\s+/;
const MD_DASH_BULLET = /^\s*-\s+/;
const MD_LINK_DEF = /^\s*\[[^\]^]+\]:\s*(?:https?:|\/|www\.)/i;
const MD_FOOTNOTE_DEF = /^\s*\[\^(\w+)\]:\s*/;
const MD_FOOTNOTE_REF_G = /\[\^(\w+)\]/g;
const MD_IMAGE_G = /!\[[^\]]*\]\([^)]*\)/g;
const MD_LINK_G = /\[([^\]]+)\]\([^)]*\)/g;
const MD_STRONG_G = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g;
const MD_EM_STAR_G = /(^|[^\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu;
const MD_EM_UNDERSCORE_G = /(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu;
const MD_CODE_G = /`([^`]+)`/g;
const MD_BREAK_G = /<br\s*\/?>/gi;
const MD_ESCAPE_G = /\\([\\`*_{}[\]()#+\-.!|])/g;

function markdownToPlain(md: string): { text: string; title?: string } {
  let title: string | undefined;
  const out: string[] = [];
  for (const source of md.split(NEWLINE)) {
    if (MD_FENCE.test(source) || MD_LINK_DEF.test(source)) continue;
    if (source.includes('|') && MD_TABLE_RULE.test(source)) continue;
    if (MD_RULE.test(source)) {
      out.push('');
      continue;
    }
    let line = source.replace(MD_QUOTE, '');
    const heading = MD_HEADING.exec(line);
    if (heading) {
      line = heading[2]!;
      if (heading[1] === '#' && title === undefined) title = inlineMarkdown(line).trim();
    }
    line = line.replace(MD_FOOTNOTE_DEF, '[$1] ').replace(MD_STAR_BULLET, '- ').replace(MD_DASH_BULLET, '- ');
    out.push(inlineMarkdown(line));
  }
  const result: { text: string; title?: string } = { text: out.join('\n') };
  if (title) result.title = title.normalize('NFC');
  return result;
}

function inlineMarkdown(line: string): string {
  return line
    .replace(MD_IMAGE_G, '')
    .replace(MD_LINK_G, '$1')
    .replace(MD_FOOTNOTE_REF_G, '[$1]')
    .replace(MD_CODE_G, '$1')
    .replace(MD_STRONG_G, '$2')
    .replace(MD_EM_STAR_G, '$1$2')
    .replace(MD_EM_UNDERSCORE_G, '$1$2')
    .replace(MD_BREAK_G, '\n')
    .replace(MD_ESCAPE_G, '$1');
}
