import { canonical, fold, foldSpelling } from '../text/normalize.js';
import { ALIAS_GUARDS, ORDINARY_PHRASES, PROVINCES, type ProvinceRecord } from './provinceData.js';

export type { ProvinceEra, ProvinceRecord } from './provinceData.js';

export interface ProvinceMention {
  /** Official name of the province or unit. */
  province: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** The text as written. */
  matched: string;
}

export interface MentionOptions {
  /**
   * Questions: lower case is normal, so ordinary-phrase names need no capital,
   * and question-only aliases (`Hồ Chí Minh`) count. Default false (reports).
   */
  relaxed?: boolean;
}

export interface ProvinceDetection {
  province: string | null;
  /** 0..1: the winner's share of all weighted mentions, discounted when the evidence is thin. */
  confidence: number;
  evidence: string[];
}

export interface ProvinceQuery {
  /** Official names in the order the question names them, each once. */
  provinces: string[];
  mentions: ProvinceMention[];
}

interface AliasInfo {
  province: string;
  /** Accented spellings of this alias as canonical syllables, for the accent check. */
  spellings: string[][];
  queryOnly: boolean;
}

/** Between the words of a name: spaces, a dot (`TP.HCM`), a hyphen or dash (`BR-VT`), or nothing (`Hanoi`). */
const SEP = '[^\\S\\n.\\-–—_]*(?:[.\\-–—_][^\\S\\n]*)?';
const VOWEL_MARK = /[\u0300-\u036f]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

const RECORDS = new Map<string, ProvinceRecord>(PROVINCES.map((p) => [p.name, p]));
const ALIASES = buildAliases();
const MENTION_RE = buildMentionRegex();

/** Letters and digits only: `Bà Rịa - Vũng Tàu`, `Ba Ria Vung Tau` and `BRVT`-like spellings meet. */
function aliasKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

function syllables(text: string): string[] {
  return text.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}

function buildAliases(): Map<string, AliasInfo> {
  const map = new Map<string, AliasInfo>();
  const add = (alias: string, province: string, queryOnly: boolean): void => {
    const key = aliasKey(alias);
    const existing = map.get(key);
    if (existing && existing.province !== province) {
      throw new Error(`provinces: alias "${alias}" names both ${existing.province} and ${province}`);
    }
    const info = existing ?? { province, spellings: [], queryOnly };
    info.queryOnly &&= queryOnly;
    if (VOWEL_MARK.test(alias.normalize('NFD'))) {
      info.spellings.push(syllables(canonical(alias)).map(dropStroke));
    }
    map.set(key, info);
  };
  for (const p of PROVINCES) {
    add(p.name, p.name, false);
    for (const a of p.aliases) add(a, p.name, false);
    for (const a of p.queryAliases ?? []) add(a, p.name, true);
  }
  return map;
}

/**
 * One regex for all aliases, factored as a character trie so each position
 * costs a test or two rather than one per alias. An alias that is a prefix of a
 * longer one continues greedily, so `Bà Rịa - Vũng Tàu` wins over `Bà Rịa`.
 */
function buildMentionRegex(): RegExp {
  interface Node {
    end: boolean;
    /** One character each, or a space standing for `SEP` between words. */
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const p of PROVINCES) {
    for (const alias of [p.name, ...p.aliases, ...(p.queryAliases ?? [])]) {
      let node = root;
      for (const ch of (fold(alias).match(/[a-z0-9]+/g) ?? []).join(' ')) {
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
        node = child;
      }
      node.end = true;
    }
  }
  const source = (node: Node): string => {
    if (node.next.size === 0) return '';
    const alternatives = [...node.next.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ch, child]) => (ch === ' ' ? SEP : ch) + source(child));
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  // `\b` is the cheap ASCII test; the caller checks letters of other scripts.
  return new RegExp(`\\b${source(root)}(?![a-z0-9])`, 'g');
}

function dropStroke(s: string): string {
  return s.replace(/đ/g, 'd');
}

/** Folded form of each UTF-16 unit, filled as met: 0 not yet known, 0xffff not a single unit. */
const FOLDED_UNITS = new Uint16Array(0x10000);
const FOLDED_CHARS = new Map<string, string>();
const UTF16 = new TextDecoder('utf-16le');
/** The last text folded: ingest asks for the province and then the period of the same text. */
let lastFold: { text: string; result: FoldedText } | null = null;

export interface FoldedText {
  folded: string;
  toOriginal: (i: number) => number;
}

/**
 * The accent-free lower-case form of a text, exactly as `fold()` gives it, and a
 * way back to original offsets. NFC Vietnamese folds unit for unit through a
 * table, many times faster than `fold()` on the whole text; decomposed input or
 * letters whose lower case is longer take the slow path with an offset table.
 */
export function foldWithOffsets(text: string): FoldedText {
  if (lastFold?.text === text) return lastFold.result;
  const result = foldFast(text) ?? foldSlow(text);
  lastFold = { text, result };
  return result;
}

function foldChar(ch: string): string {
  let f = FOLDED_CHARS.get(ch);
  if (f === undefined) {
    f = fold(ch);
    FOLDED_CHARS.set(ch, f);
  }
  return f;
}

function foldFast(text: string): FoldedText | null {
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let f = FOLDED_UNITS[c]!;
    if (f === 0) {
      const s = fold(String.fromCharCode(c));
      f = s.length === 1 ? s.charCodeAt(0) : 0xffff;
      if (c !== 0) FOLDED_UNITS[c] = f;
    }
    if (f === 0xffff) return null;
    out[i] = f;
  }
  // `fold()` also spells `tỷ` as `tỉ`, which only a whole-word look can do.
  return { folded: foldSpelling(UTF16.decode(out)), toOriginal: identity };
}

function identity(i: number): number {
  return i;
}

function foldSlow(text: string): FoldedText {
  const parts: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const f = foldChar(ch);
    parts.push(f);
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(text.length);
  return {
    folded: foldSpelling(parts.join('')),
    toOriginal: (i) => origin[Math.min(i, origin.length - 1)]!,
  };
}

/** A name is written a handful of ways in a corpus, so the accent check is remembered. */
const AGREEMENT = new Map<string, boolean>();

/**
 * Accent-free writing matches anything; accented writing must be one of the
 * name's spellings word for word, so `đa năng` is not `Đà Nẵng` and `hai phòng`
 * (two rooms) is not `Hải Phòng`.
 */
function accentsAgree(written: string, info: AliasInfo): boolean {
  const cacheKey = `${info.province}|${written}`;
  let agree = AGREEMENT.get(cacheKey);
  if (agree === undefined) {
    agree = !VOWEL_MARK.test(written.normalize('NFD')) || matchesSpelling(written, info);
    if (AGREEMENT.size > 10_000) AGREEMENT.clear();
    AGREEMENT.set(cacheKey, agree);
  }
  return agree;
}

function matchesSpelling(written: string, info: AliasInfo): boolean {
  const words = syllables(canonical(written)).map(dropStroke);
  return info.spellings.some((s) => s.length === words.length && s.every((w, i) => w === words[i]));
}

/** Whether the character at `i` continues a word (a letter or digit in any script). */
export function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(text[i]!);
}

function capitalised(written: string): boolean {
  return syllables(written).every((w) => !/^\p{Ll}/u.test(w));
}

/**
 * Every province mention in a text, left to right, longest name first.
 * Offsets refer to the original text.
 */
export function findProvinceMentions(text: string, options: MentionOptions = {}): ProvinceMention[] {
  const { folded, toOriginal } = foldWithOffsets(text);
  return scanMentions(text, folded, toOriginal, options.relaxed ?? false).map(({ mention }) => mention);
}

interface ScannedMention {
  mention: ProvinceMention;
  /** Offsets in the folded text. */
  fStart: number;
  fEnd: number;
}

function scanMentions(
  text: string,
  folded: string,
  toOriginal: (i: number) => number,
  relaxed: boolean,
): ScannedMention[] {
  const out: ScannedMention[] = [];
  // Shared and stateful (`lastIndex`), which is safe: the scan never yields.
  const re = MENTION_RE;
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const fStart = m.index;
    const fEnd = fStart + m[0].length;
    if (isWordChar(folded, fStart - 1) || isWordChar(folded, fEnd)) {
      re.lastIndex = fStart + 1;
      continue;
    }
    const key = m[0].replace(/[^a-z0-9]/g, '');
    const info = ALIASES.get(key);
    const start = toOriginal(fStart);
    const end = toOriginal(fEnd);
    const written = text.slice(start, end);
    if (!info || !acceptable(key, info, written, folded, fStart, fEnd, relaxed)) {
      // A shorter name may still start inside the rejected one.
      re.lastIndex = fStart + 1;
      continue;
    }
    out.push({ mention: { province: info.province, start, end, matched: written }, fStart, fEnd });
  }
  return out;
}

function acceptable(
  key: string,
  info: AliasInfo,
  written: string,
  folded: string,
  fStart: number,
  fEnd: number,
  relaxed: boolean,
): boolean {
  if (info.queryOnly && !relaxed) return false;
  if (!accentsAgree(written, info)) return false;
  if (!relaxed && ORDINARY_PHRASES.has(key) && !capitalised(written)) return false;
  const guard = ALIAS_GUARDS.get(key);
  if (guard?.after?.test(folded.slice(fEnd, fEnd + 20))) return false;
  if (guard?.before?.test(folded.slice(Math.max(0, fStart - 30), fStart))) return false;
  return true;
}

/** Provinces a user question names, accent-free and short forms included, as official names. */
export function parseProvinceQuery(question: string): ProvinceQuery {
  const mentions = findProvinceMentions(question, { relaxed: true });
  const provinces = [...new Set(mentions.map((m) => m.province))];
  return { provinces, mentions };
}

/** The official name for any known spelling (`bac kan`, `TP.HCM`, `tỉnh Hà Nam`), or null. */
export function officialName(alias: string): string | null {
  const trimmed = alias.trim().replace(/^(?:tỉnh|tinh|thành phố|thanh pho)\s+/iu, '');
  const info = ALIASES.get(aliasKey(trimmed));
  if (!info || !accentsAgree(trimmed, info)) return null;
  return info.province;
}

/**
 * The pre-2025 provinces a name covers: a 2025 unit formed by merging gives its
 * parts (`Ninh Bình` → `Ninh Bình`, `Hà Nam`, `Nam Định`), any other name itself.
 * Unknown names give an empty list.
 */
export function expandProvince(name: string): string[] {
  const official = officialName(name);
  if (!official) return [];
  const record = RECORDS.get(official)!;
  return record.merged ? [official, ...record.merged.filter((p) => p !== official)] : [official];
}

/**
 * The 2025 unit a pre-2025 province became part of (`Bắc Kạn` → `Thái Nguyên`,
 * `Thừa Thiên Huế` → `Huế`); null for unchanged provinces and unknown names.
 */
export function mergedInto(oldName: string): string | null {
  const official = officialName(oldName);
  if (!official) return null;
  const unit = PROVINCES.find((p) => p.merged?.includes(official));
  return unit ? unit.name : null;
}

/** The gazetteer, optionally only the units of one era (`both` counts for either). */
export function allProvinces(era?: 'pre2025' | 'post2025'): readonly ProvinceRecord[] {
  return era ? PROVINCES.filter((p) => p.era === era || p.era === 'both') : PROVINCES;
}

// ---------------------------------------------------------------------------
// Page furniture: lists of other articles that close a news page.

/** `24-11-2024 08:01 44`: the date, time and view count under a listed article. */
const LIST_TIMESTAMP = /^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s+\d{1,2}:\d{2}\b/;
/** Headings over such lists, accent-free. */
const LIST_HEADING = /^\s*(?:tin lien quan|bai viet lien quan|tin khac|cac tin khac|tin cung chuyen muc|tu khoa)\b/;
/** Lists start past this share of the page; earlier timestamped lines are taken one by one. */
const LIST_TAIL_FROM = 0.4;

/**
 * Ranges of a text that belong to lists of other articles, if the cleaner left
 * any: each listed title with its timestamp line, and everything from a list
 * (or its heading) in the last 60% of the page to its end.
 */
export function furnitureRanges(text: string): ReadonlyArray<readonly [number, number]> {
  if (lastFurniture?.text === text) return lastFurniture.ranges;
  const ranges = findFurniture(text);
  lastFurniture = { text, ranges };
  return ranges;
}

/** The last text looked at: ingest asks for the province and then the period of the same text. */
let lastFurniture: { text: string; ranges: ReadonlyArray<readonly [number, number]> } | null = null;

function findFurniture(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let tail = text.length;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    // Furniture lines are short; long lines are paragraphs.
    if (end - start <= 60) {
      const line = text.slice(start, end);
      if (LIST_TIMESTAMP.test(line)) {
        const titleStart = previousLineStart(text, start);
        ranges.push([titleStart, end]);
        if (titleStart > text.length * LIST_TAIL_FROM) tail = Math.min(tail, titleStart);
      } else if (start > text.length * LIST_TAIL_FROM && LIST_HEADING.test(fold(line))) {
        tail = Math.min(tail, start);
      }
    }
    start = end + 1;
  }
  if (tail < text.length) ranges.push([tail, text.length]);
  return ranges;
}

/** Start of the last non-empty line before `pos` (which starts a line). */
function previousLineStart(text: string, pos: number): number {
  let end = pos - 1;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  return start;
}

export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, pos: number): boolean {
  return ranges.some(([a, b]) => pos >= a && pos < b);
}

// ---------------------------------------------------------------------------
// Which province a report is about.

/** `tỉnh X`, `thành phố X`, `TP. X` name the province as the subject's place. */
const PREFIX_BEFORE = /(?:\btinh|\bthanh pho|\btp\.?)[^\S\n]*$/;
const PREFIX_IN_MATCH = /^(?:thanh pho|tp)\b/;
/** `huyện Sơn Động (tỉnh Bắc Giang)`: a pointer to another province. */
const PARENTHESIS_BEFORE = /\([^\S\n]*(?:tinh|thanh pho|tp\.?)?[^\S\n]*$/;
/** The province's own bodies: `Sở ... tỉnh X`, `UBND tỉnh X`, `Đảng bộ tỉnh X`. */
const OWN_BODY_BEFORE =
  /\b(?:so lao dong|so ldtbxh|ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|tinh uy|dang bo|nganh lao dong)\b/;
/** A destination or venue: `đi thăm ... tại Thành phố Hồ Chí Minh`, `hội nghị tại Hà Nội`. */
const PLACE_BEFORE = /\b(?:tai|den|ve|sang|o|tham)[^\S\n]*$/;

/** Mentions before this offset may belong to a title or lead. */
const LEAD_CHARS = 400;

/**
 * The province a report is about, weighing each mention by its context: `tỉnh X`
 * and the province's own bodies count most, the title and lead more than the
 * body, venues, parentheses and article lists little. A province named only
 * once near the end still wins when nothing else competes.
 */
export function detectProvince(text: string, opts: { title?: string } = {}): ProvinceDetection {
  const scores = new Map<string, number>();
  // A mention's note is its snippet, written out only for the few that are reported.
  const evidence = new Map<string, Array<{ weight: number; note: string | null; start: number; end: number }>>();
  const add = (province: string, weight: number, note: string | null, start: number, end: number): void => {
    scores.set(province, (scores.get(province) ?? 0) + weight);
    const list = evidence.get(province) ?? [];
    list.push({ weight, note, start, end });
    evidence.set(province, list);
  };

  if (opts.title) {
    for (const m of findProvinceMentions(opts.title)) add(m.province, 4, `title: ${m.matched}`, 0, 0);
  }

  const furniture = furnitureRanges(text);
  const { folded, toOriginal } = foldWithOffsets(text);
  for (const { mention, fStart, fEnd } of scanMentions(text, folded, toOriginal, false)) {
    const weight = mentionWeight(folded, mention, fStart, fEnd, furniture);
    add(mention.province, weight, null, mention.start, mention.end);
  }

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, w]) => s + w, 0);
  const [best, bestScore] = ranked[0] ?? [null, 0];
  if (!best || bestScore < 0.5) return { province: null, confidence: 0, evidence: [] };
  const share = bestScore / total;
  const strength = 1 - Math.exp(-bestScore / 3);
  const notes = evidence
    .get(best)!
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((e) => `${e.note ?? snippet(text, e.start, e.end)} (${round(e.weight)})`);
  const runnerUp = ranked[1];
  if (runnerUp) notes.push(`next: ${runnerUp[0]} (${round(runnerUp[1])})`);
  return { province: best, confidence: round(share * strength), evidence: notes };
}

function mentionWeight(
  folded: string,
  mention: ProvinceMention,
  fStart: number,
  fEnd: number,
  furniture: ReadonlyArray<readonly [number, number]>,
): number {
  if (inRanges(furniture, mention.start)) return 0.05;
  const lineStart = folded.lastIndexOf('\n', fStart - 1) + 1;
  const before = folded.slice(Math.max(lineStart, fStart - 80), fStart);
  const near = before.slice(-24);
  const own = folded.slice(fStart, fEnd);
  let weight = 1;
  const prefixed = PREFIX_BEFORE.test(near) || PREFIX_IN_MATCH.test(own);
  if (PARENTHESIS_BEFORE.test(near)) weight = 0.3;
  else if (PLACE_BEFORE.test(near.replace(PREFIX_BEFORE, ''))) weight = 0.4;
  else if (prefixed) {
    weight = OWN_BODY_BEFORE.test(before) ? 4.5 : 3;
  } else if (OWN_BODY_BEFORE.test(before)) {
    weight = 2;
  }
  // `Lạng Sơn: ...` opening a line is a title naming its subject.
  if (fStart === lineStart && /^[^\S\n]*:/.test(folded.slice(fEnd, fEnd + 3))) weight *= 2;
  if (mention.start < LEAD_CHARS) weight *= 1.5;
  return weight;
}

/** The mention with a few words before it, whole words only. */
function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 25);
  const left = from > 0 ? text.slice(from, start).replace(/^\S*\s/, '') : text.slice(0, start);
  return `${left}${text.slice(start, end)}`.replace(/\s+/g, ' ').trim();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
