import type { Answer } from '../answer/schema.js';

/** Telegram's limit for one message, in UTF-16 code units. */
export const MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode (also safe inside attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A line that starts a citation entry in `sources_text`: `[1] …`, `- [2] …`, `• [3] …`. */
const CITATION_START = /^\s*(?:[-•*]\s*)?\[\d+\]/;

/**
 * Cuts `sources_text` into blocks: the heading lines, then one block per citation entry with its
 * continuation lines, so that a message break never falls inside a citation.
 */
export function sourceBlocks(sourcesText: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of sourcesText.split('\n')) {
    if (CITATION_START.test(line) && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    }
    if (line.trim() !== '' || current.length > 0) current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks.map((b) => b.trimEnd()).filter((b) => b !== '');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A block of HTML and what joins it to the block before it when both share a message. */
interface Piece {
  html: string;
  joiner: string;
}

/**
 * An answer as HTML messages, each ≤ `limit`: the answer's paragraphs, then the sources heading
 * (in bold) and one line per citation. A message break falls between paragraphs or citations.
 */
export function renderAnswer(answer: Pick<Answer, 'answer_text' | 'sources_text'>, limit = MESSAGE_LIMIT): string[] {
  const pieces: Piece[] = paragraphs(answer.answer_text).map((p) => ({
    html: boldMarks(escapeHtml(p)),
    joiner: '\n\n',
  }));
  sourceBlocks(answer.sources_text).forEach((block, i) => {
    const [first = '', ...rest] = block.split('\n');
    const heading = i === 0 && !CITATION_START.test(first) && first.trim().endsWith(':');
    const html = heading ? [`<b>${escapeHtml(first)}</b>`, ...rest.map(escapeHtml)].join('\n') : escapeHtml(block);
    pieces.push({ html, joiner: i === 0 ? '\n\n' : '\n' });
  });
  return pack(pieces, limit);
}

/** `*23.500 người*` inside a quote (a closest-passages reply marks its figures so) is shown in bold. */
function boldMarks(html: string): string {
  return html.replace(/«[^»]*»/g, (quote) => quote.replace(/\*([^*\n]{1,60})\*/g, '<b>$1</b>'));
}

/**
 * Joins blocks (with blank lines by default) into as few messages as fit. Blocks must not contain
 * tags that a cut could break: only a block longer than `limit` is ever cut, at a line, sentence
 * or word boundary.
 */
export function packBlocks(blocks: string[], limit = MESSAGE_LIMIT, separator = '\n\n'): string[] {
  return pack(
    blocks.map((html) => ({ html, joiner: separator })),
    limit,
  );
}

function pack(pieces: Piece[], limit: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const { html, joiner } of pieces) {
    for (const part of cutBlock(html, limit)) {
      const joined = current === '' ? part : `${current}${joiner}${part}`;
      if (joined.length <= limit) {
        current = joined;
      } else {
        messages.push(current);
        current = part;
      }
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

function cutBlock(block: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = block;
  while (rest.length > limit) {
    const at = breakPoint(rest, limit);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** Where to cut `text` so the head fits in `limit`: the last newline, sentence end or space. */
function breakPoint(text: string, limit: number): number {
  const head = text.slice(0, limit + 1);
  const floor = Math.floor(limit / 2);
  for (const pattern of [/\n/g, /[.;!?…]\s/g, /\s/g]) {
    let last = -1;
    for (const m of head.matchAll(pattern)) {
      const end = m.index + m[0].length - 1;
      if (end <= limit && end > floor) last = end;
    }
    if (last > 0) return last;
  }
  return hardCut(text, limit);
}

/** A cut inside one long word: never through an HTML entity, a `[n]` marker or a surrogate pair. */
function hardCut(text: string, limit: number): number {
  const start = Math.max(0, limit - 10);
  const tail = text.slice(start, limit);
  let at = limit;
  for (const [open, close] of [
    ['&', ';'],
    ['[', ']'],
  ] as const) {
    const i = tail.lastIndexOf(open);
    if (i >= 0 && !tail.slice(i).includes(close)) at = Math.min(at, start + i);
  }
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return Math.max(at, 1);
}

/** Shortens text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  if (clean[max - 1] === ' ') return `${cut}…`;
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
