/**
 * Which indicator a question or a figure's context names.
 *
 * Taxonomy phrases are folded (no accents, no punctuation) into a word trie;
 * text is folded the same way with one character per input character, so a
 * match maps straight back to the original offsets. At each word the longest
 * phrase wins, and a phrase inside a longer match is dropped: `tỷ lệ hộ cận
 * nghèo` never also counts as `hộ cận nghèo`.
 */
import { fold, foldSpelling } from '../text/normalize.js';
import { ABBREVIATIONS, INDICATORS, getIndicator, type Indicator } from './taxonomy.js';
import type { FigureKind } from './types.js';
import { baseUnit } from './units.js';

export interface IndicatorMatch {
  id: string;
  score: number;
  /** The words of the input that named the indicator, as written. */
  matched: string;
}

interface Hit {
  id: string;
  /** Specificity: words in the phrase (its expansion for an abbreviation). */
  weight: number;
  indicator: Indicator;
}

/**
 * A character trie over folded phrases, words joined by one space. Children sit
 * in two parallel arrays: most nodes have one to three, where a scan beats a map.
 */
interface TrieNode {
  keys: number[];
  kids: TrieNode[];
  hits: Hit[];
}

/** A phrase ending at `end` when read from some word start. */
interface Terminal {
  end: number;
  hits: Hit[];
}

/** One phrase found in a text: character range and what it names. */
interface PhraseMatch {
  start: number;
  end: number;
  hits: Hit[];
}

/** Weight of a stand-alone abbreviation such as `XKLĐ`: as specific as a three-word phrase. */
const ABBREVIATION_WEIGHT = 3;
/**
 * Past five words a phrase is no more specific: long programme names
 * (`CTMTQG giảm nghèo bền vững`) say where a figure belongs, not what it counts.
 */
const MAX_WEIGHT = 5;

// ---------------------------------------------------------------------------
// Folding with offsets kept

/** Folded code of each UTF-16 unit: filled below U+2000 (Latin, Vietnamese, punctuation), the rest on first sight (0 until then). */
const FOLD_CODES = new Uint16Array(0x10000);
for (let c = 0; c < 0x2000; c++) FOLD_CODES[c] = foldUnit(String.fromCharCode(c)).charCodeAt(0);
const UTF16 = new TextDecoder('utf-16le');
const SPACE = 32;

function foldUnit(ch: string): string {
  if (/[\uD800-\uDFFF]/.test(ch)) return ' ';
  const f = fold(ch);
  if (f.length === 1 && /[a-z0-9]/.test(f)) return f;
  return f.length === 1 && /\p{L}/u.test(ch) ? f : ' ';
}

/**
 * Lower case, accents and punctuation removed, same length as the input: every
 * letter or digit becomes one ASCII-ish character, everything else a space.
 * `sỹ`/`tỉ` meet `sĩ`/`tỷ` as in `fold()`. Decomposed marks become spaces, so
 * callers pass NFC text (ingest normalises it).
 */
export function foldForMatch(text: string): string {
  foldShared(text);
  // The buffers now hold this text, not the owner's.
  owner = null;
  return UTF16.decode(codesBuffer.subarray(0, text.length));
}

/**
 * `tỷ` is spelled `ti` as `fold()` spells it (`foldSpelling`): a `y` ending a
 * word whose other letters are one consonant (`t`, `k`, `s`, `l`, `th`, …).
 */
function respellIY(codes: Uint16Array, n: number): void {
  for (let i = 1; i < n; i++) {
    if (codes[i] !== 121 || (i + 1 < n && isAsciiWord(codes[i + 1]!))) continue;
    let start = i;
    while (start > 0 && isAsciiWord(codes[start - 1]!)) start--;
    if (start === i || i - start > 2) continue;
    const head = String.fromCharCode(...codes.subarray(start, i));
    if (foldSpelling(`${head}y`) !== `${head}y`) codes[i] = 105;
  }
}

/** ASCII letter or digit: what `\b` sees as a word character in folded text. */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function foldCode(c: number): number {
  return (FOLD_CODES[c] = foldUnit(String.fromCharCode(c)).charCodeAt(0));
}

/**
 * Folding buffers shared by all contexts, grown as needed: a passage's figures
 * are matched one passage at a time, and fresh typed arrays per passage cost
 * more than the folding. A context refolds if another took them meanwhile.
 */
let codesBuffer = new Uint16Array(4096);
/** Offsets where folded words start, ascending. */
let startsBuffer = new Int32Array(4096);
/** Phrases read from each word start, valid where `termsStamp` holds the current `generation`. */
const termsBuffer: Terminal[][] = [];
let termsStamp = new Int32Array(4096);
const NONE_YET: Terminal[] = [];
// Filled up front, so the array stays packed whatever order words are read in.
while (termsBuffer.length < termsStamp.length) termsBuffer.push(NONE_YET);
let generation = 0;
let owner: IndicatorContext | null = null;

/** Folds `text` into the shared buffers; returns how many words it has. */
function foldShared(text: string): number {
  const n = text.length;
  if (n > codesBuffer.length) {
    const size = Math.max(n, codesBuffer.length * 2);
    codesBuffer = new Uint16Array(size);
    startsBuffer = new Int32Array(size);
    termsStamp = new Int32Array(size);
    while (termsBuffer.length < size) termsBuffer.push(NONE_YET);
  }
  const codes = codesBuffer;
  const starts = startsBuffer;
  let previous = SPACE;
  let words = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let f = FOLD_CODES[c]!;
    if (f === 0) f = foldCode(c);
    codes[i] = f;
    if (previous === SPACE) {
      if (f !== SPACE) starts[words++] = i;
    }
    previous = f;
  }
  respellIY(codes, n);
  return words;
}

function phraseWords(phrase: string): string[] {
  return foldForMatch(phrase).split(' ').filter(Boolean);
}

// ---------------------------------------------------------------------------
// The phrase trie, built once from the taxonomy

const ROOT: TrieNode = { keys: [], kids: [], hits: [] };

function child(node: TrieNode, c: number): TrieNode | undefined {
  const { keys } = node;
  for (let i = 0; i < keys.length; i++) if (keys[i] === c) return node.kids[i];
  return undefined;
}

function addPhrase(words: readonly string[], hit: Hit): void {
  if (words.length === 0) return;
  const phrase = words.join(' ');
  let node = ROOT;
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase.charCodeAt(i);
    let next = child(node, c);
    if (!next) {
      next = { keys: [], kids: [], hits: [] };
      node.keys.push(c);
      node.kids.push(next);
    }
    node = next;
  }
  if (!node.hits.some((h) => h.id === hit.id && h.weight >= hit.weight)) node.hits.push(hit);
}

const ABBREVIATION_WORDS: readonly (readonly [abbreviation: string, expansion: readonly string[]])[] = Object.entries(
  ABBREVIATIONS,
).map(([abbreviation, expansion]) => [phraseWords(abbreviation).join(''), phraseWords(expansion)] as const);

/** The phrase as written plus every spelling with abbreviations for its parts. */
function withAbbreviations(words: readonly string[]): string[][] {
  let variants: string[][] = [[...words]];
  for (const [abbreviation, expansion] of ABBREVIATION_WORDS) {
    const more: string[][] = [];
    for (const v of variants) {
      const at = indexOfRun(v, expansion);
      if (at >= 0) more.push([...v.slice(0, at), abbreviation, ...v.slice(at + expansion.length)]);
    }
    variants = variants.concat(more);
  }
  return variants;
}

function indexOfRun(words: readonly string[], run: readonly string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

for (const indicator of INDICATORS) {
  for (const term of indicator.terms) {
    const words = phraseWords(term);
    const weight = Math.min(words.length, MAX_WEIGHT);
    for (const variant of withAbbreviations(words)) addPhrase(variant, { id: indicator.id, weight, indicator });
  }
  for (const abbreviation of indicator.abbreviations) {
    addPhrase(phraseWords(abbreviation), { id: indicator.id, weight: ABBREVIATION_WEIGHT, indicator });
  }
  for (const phrase of indicator.english) {
    const words = phraseWords(phrase);
    addPhrase(words, { id: indicator.id, weight: Math.min(words.length, MAX_WEIGHT), indicator });
  }
}

/**
 * The trie flattened for matching, where every word start walks it. Nodes are
 * numbered depth first, so a node with one child (most of them: phrase tails)
 * has it at the next number and needs only its key; nodes with more children
 * get a row of `BRANCH`, indexed by `COLUMN[code]` (0 for codes no phrase uses).
 * Node 0 is the root, never a child, so 0 also means "no child". All of it
 * fits in a CPU cache, which a full table per node did not.
 */
const COLUMN = new Uint8Array(0x10000);
let COLUMNS = 1;
/** A node's only child's key; `LEAF` when it has none, `BRANCHING` when it has several. */
let ONE_KEY = new Uint16Array(0);
const LEAF = 0;
const BRANCHING = 0xffff;
/** Row in `BRANCH` of a node with several children. */
let ROW = new Int32Array(0);
let BRANCH = new Int32Array(0);
let HAS_HITS = new Uint8Array(0);
const NODE_HITS: (Hit[] | null)[] = [];
flattenTrie();

function flattenTrie(): void {
  const nodes: TrieNode[] = [];
  const visit = (node: TrieNode): void => {
    nodes.push(node);
    for (const key of node.keys) if (COLUMN[key] === 0) COLUMN[key] = COLUMNS++;
    for (const kid of node.kids) visit(kid);
  };
  visit(ROOT);
  const ids = new Map(nodes.map((node, i) => [node, i]));
  ONE_KEY = new Uint16Array(nodes.length);
  ROW = new Int32Array(nodes.length);
  HAS_HITS = new Uint8Array(nodes.length);
  const rows: TrieNode[] = [];
  nodes.forEach((node, i) => {
    NODE_HITS.push(node.hits.length > 0 ? node.hits : null);
    HAS_HITS[i] = node.hits.length > 0 ? 1 : 0;
    // The root is always looked up by row: its first child is not its only one.
    if (node.keys.length === 1 && i > 0) ONE_KEY[i] = node.keys[0]!;
    else if (node.keys.length === 0 && i > 0) ONE_KEY[i] = LEAF;
    else {
      ONE_KEY[i] = BRANCHING;
      ROW[i] = rows.length;
      rows.push(node);
    }
  });
  BRANCH = new Int32Array(rows.length * COLUMNS);
  rows.forEach((node, r) =>
    node.keys.forEach((key, k) => (BRANCH[r * COLUMNS + COLUMN[key]!] = ids.get(node.kids[k]!)!)),
  );
}

// ---------------------------------------------------------------------------
// Matching

/** A text to match many windows of, folded once (same offsets) on first use: many passages hold no figure. */
export interface IndicatorContext {
  text: string;
  /** Word starts in the shared buffers, once folded. */
  words: number;
  /** The `generation` of the shared buffers this context last filled. */
  generation: number;
}

const NONE: Terminal[] = [];

export function createIndicatorContext(text: string): IndicatorContext {
  return { text, words: 0, generation: -1 };
}

/** Makes the shared buffers hold `ctx`'s text. */
function claim(ctx: IndicatorContext): void {
  if (owner === ctx) return;
  ctx.words = foldShared(ctx.text);
  ctx.generation = ++generation;
  owner = ctx;
}

/** Every phrase that starts at the `w`-th word start, shortest first; filled once per fold, as windows of neighbouring figures overlap. */
function terminalsAt(n: number, w: number): Terminal[] {
  if (termsStamp[w] === generation) return termsBuffer[w]!;
  const codes = codesBuffer;
  let found = NONE;
  for (let k = startsBuffer[w]!, node = 0; k < n; k++) {
    const c = codes[k]!;
    if (c === SPACE) while (k + 1 < n && codes[k + 1] === SPACE) k++;
    const one = ONE_KEY[node]!;
    if (one === BRANCHING) node = BRANCH[ROW[node]! * COLUMNS + COLUMN[c]!]!;
    else node = one === c ? node + 1 : 0;
    if (node === 0) break;
    if (HAS_HITS[node] === 1 && (k + 1 === n || codes[k + 1] === SPACE)) {
      if (found === NONE) found = [];
      found.push({ end: k + 1, hits: NODE_HITS[node]! });
    }
  }
  termsStamp[w] = generation;
  termsBuffer[w] = found;
  return found;
}

/** Index of the first word start at or after `from`. */
function firstWordFrom(starts: Int32Array, words: number, from: number): number {
  let lo = 0;
  let hi = words;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Matches of the last `phrasesInto` call, kept in reused buffers: one call per figure window. */
let matchStart = new Int32Array(64);
let matchEnd = new Int32Array(64);
const matchHits: Hit[][] = [];

/**
 * Longest phrase at each word of [from, to), without phrases inside a longer
 * match, into the match buffers; returns how many.
 */
function phrasesInto(ctx: IndicatorContext, from: number, to: number): number {
  claim(ctx);
  const starts = startsBuffer;
  const { words } = ctx;
  const n = ctx.text.length;
  let count = 0;
  // Matches come in order of their start, so one running maximum tells containment.
  let coveredTo = -1;
  for (let w = firstWordFrom(starts, words, from); w < words && starts[w]! < to; w++) {
    const terminals = terminalsAt(n, w);
    let t = terminals.length - 1;
    while (t >= 0 && terminals[t]!.end > to) t--;
    if (t < 0 || terminals[t]!.end <= coveredTo) continue;
    coveredTo = terminals[t]!.end;
    if (count === matchStart.length) {
      const grownStart = new Int32Array(count * 2);
      const grownEnd = new Int32Array(count * 2);
      grownStart.set(matchStart);
      grownEnd.set(matchEnd);
      matchStart = grownStart;
      matchEnd = grownEnd;
    }
    matchStart[count] = starts[w]!;
    matchEnd[count] = coveredTo;
    matchHits[count] = terminals[t]!.hits;
    count++;
  }
  return count;
}

/** Longest phrase at each word of [from, to), without phrases inside a longer match. */
function phrasesIn(ctx: IndicatorContext, from: number, to: number): PhraseMatch[] {
  const count = phrasesInto(ctx, from, to);
  const found: PhraseMatch[] = [];
  for (let i = 0; i < count; i++) found.push({ start: matchStart[i]!, end: matchEnd[i]!, hits: matchHits[i]! });
  return found;
}

/** Indicators a question or text span names, best first. Works with or without accents. */
export function matchIndicators(text: string): IndicatorMatch[] {
  const ctx = createIndicatorContext(text);
  const best = new Map<string, { weight: number; count: number; matched: string }>();
  for (const m of phrasesIn(ctx, 0, text.length)) {
    for (const hit of m.hits) {
      const seen = best.get(hit.id);
      const matched = text.slice(m.start, m.end);
      if (!seen) best.set(hit.id, { weight: hit.weight, count: 1, matched });
      else {
        seen.count++;
        if (hit.weight > seen.weight) Object.assign(seen, { weight: hit.weight, matched });
      }
    }
  }
  // A second mention adds a little: the question keeps coming back to it. Naming
  // an indicator and its refinement (`thẻ BHYT` … `trẻ em dưới 6 tuổi`) asks for the refinement.
  return [...best.entries()]
    .map(([id, b]) => {
      const parent = getIndicator(id)?.parent;
      const refines = parent !== undefined && best.has(parent) ? 1 : 0;
      return { id, score: b.weight + 0.25 * (b.count - 1) + refines, matched: b.matched };
    })
    .sort((a, b) => b.score - a.score);
}

/** Vietnamese phrases and abbreviations that name an indicator, for lexical search. */
export function indicatorTerms(id: string): string[] {
  const indicator = getIndicator(id);
  return indicator ? [...indicator.terms, ...indicator.abbreviations] : [];
}

// ---------------------------------------------------------------------------
// The indicator a figure measures

export interface FigureSite {
  /** Start and end of the figure (number and unit). */
  start: number;
  end: number;
  unit: string | null;
  kind?: FigureKind;
  /** Where the figure's own words begin: the clause start or the end of the previous figure. */
  windowStart: number;
  /** Indicator of the previous figure in the same paragraph, which lists often continue. */
  inherited?: string | null;
  /** The words before the figure say it is the sum of the previous one (`với số tiền`). */
  continuesPrevious?: boolean;
}

/** Words after a figure that still describe it: up to punctuation or the next number, at most this many units. */
const AFTER_MAX = 80;
/** Within this many characters of the figure, a phrase before it is its label. */
const NEAR = 15;

/** Units that end the words after a figure: `,;:()[]`, a line break, a digit or a dot. */
function endsAfter(c: number): boolean {
  return (
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93 ||
    c === 10 ||
    c === 46 ||
    (c >= 48 && c <= 57)
  );
}

function unitFit(indicator: Indicator, base: string | null): number {
  if (!base || !indicator.units) return 0;
  return indicator.units.includes(base) ? 2 : -3;
}

function kindFit(indicator: Indicator, kind: FigureKind | undefined): number {
  return kind && indicator.kinds && !indicator.kinds.includes(kind) ? -2 : 0;
}

/** Best score per indicator for the figure being judged, in order of first offer (ties go to the first). */
const offeredIds: string[] = [];
const offeredScores: number[] = [];
let offeredCount = 0;

function offer(id: string, score: number): void {
  for (let i = 0; i < offeredCount; i++) {
    if (offeredIds[i] === id) {
      if (score > offeredScores[i]!) offeredScores[i] = score;
      return;
    }
  }
  offeredIds[offeredCount] = id;
  offeredScores[offeredCount] = score;
  offeredCount++;
}

/**
 * Best indicator for a figure, with its score, or null when nothing fits.
 * A phrase scores its specificity (words, at most 5), plus nearness to the
 * figure, plus +2 when the indicator's units include the figure's unit (−3 when
 * they exclude it); the previous figure's indicator competes from 1.5.
 */
export function indicatorAt(ctx: IndicatorContext, site: FigureSite): { id: string; score: number } | null {
  offeredCount = 0;
  const base = baseUnit(site.unit);
  const kind = site.kind;

  let count = phrasesInto(ctx, site.windowStart, site.start);
  for (let i = 0; i < count; i++) {
    const near = site.start - matchEnd[i]! <= NEAR ? 1 : 0;
    for (const hit of matchHits[i]!)
      offer(hit.id, hit.weight + near + unitFit(hit.indicator, base) + kindFit(hit.indicator, kind));
  }
  const { text } = ctx;
  const afterLimit = Math.min(text.length, site.end + AFTER_MAX);
  let afterEnd = site.end;
  while (afterEnd < afterLimit && !endsAfter(text.charCodeAt(afterEnd))) afterEnd++;
  count = phrasesInto(ctx, site.start, afterEnd);
  for (let i = 0; i < count; i++) {
    // A phrase right after the unit (`người tham gia BHXH tự nguyện`) says what was counted.
    const near = matchStart[i]! <= site.end + 2 ? 2 : 0.5;
    for (const hit of matchHits[i]!)
      offer(hit.id, hit.weight + near + unitFit(hit.indicator, base) + kindFit(hit.indicator, kind));
  }
  if (site.inherited) {
    const indicator = getIndicator(site.inherited);
    if (indicator) {
      const fit = site.kind === 'change' && site.unit === '%' ? 2 : unitFit(indicator, base);
      offer(site.inherited, 1.5 + fit + (site.continuesPrevious ? 4 : 0));
    }
  }
  let best = -1;
  for (let i = 0; i < offeredCount; i++) {
    if (offeredScores[i]! > 0 && (best < 0 || offeredScores[i]! > offeredScores[best]!)) best = i;
  }
  return best < 0 ? null : { id: offeredIds[best]!, score: offeredScores[best]! };
}

/** Farthest back a figure's label is looked for, clause or not. */
const LOOK_BACK = 250;

/** Start of the clause holding `pos`: after the last `;`, line break or sentence end. */
export function clauseStart(text: string, pos: number, floor = 0): number {
  const limit = Math.max(floor, pos - LOOK_BACK);
  for (let i = pos - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    // ; \n ! ? and a full stop followed by white space
    if (c === 59 || c === 10 || c === 33 || c === 63) return i + 1;
    if (c === 46 && i + 1 < pos && /\s/.test(text[i + 1]!)) return i + 1;
  }
  return limit;
}

/**
 * The indicator a figure at [figureStart, figureEnd) of `text` measures, judged
 * from the words of its clause before it and the few words right after it.
 */
export function indicatorForFigure(
  text: string,
  figureStart: number,
  figureEnd: number,
  unit: string | null = null,
): string | null {
  const from = Math.max(0, figureStart - LOOK_BACK);
  const to = Math.min(text.length, figureEnd + 100);
  const ctx = createIndicatorContext(text.slice(from, to));
  const start = figureStart - from;
  const site: FigureSite = { start, end: figureEnd - from, unit, windowStart: clauseStart(ctx.text, start) };
  return indicatorAt(ctx, site)?.id ?? null;
}
