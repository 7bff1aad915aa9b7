import { furnitureRanges, foldWithOffsets, inRanges, isWordChar } from './provinces.js';

/**
 * Reporting periods: a year (`2023`), the first months of a year (`2024-9m`),
 * one month (`2024-04`), a quarter (`2024-q1`) or several years (`2021-2025`).
 */
export type PeriodKind = 'year' | 'months' | 'month' | 'quarter' | 'range';

export interface PeriodDetection {
  year: number | null;
  label: string | null;
  key: string | null;
  kind: PeriodKind | null;
  /** Months the period covers. */
  months?: number;
  /** The phrases that decided, as written. */
  evidence: string;
}

export interface PeriodQuery {
  year: number | null;
  /** Null when the year is not given (`9 tháng`), or nothing is. */
  key: string | null;
  kind: PeriodKind | null;
  label: string | null;
  /** Months covered, also when the year is missing (`9 thang` → 9). */
  months?: number;
  /** The month of a `month` period (`tháng 4` → 4). */
  month?: number;
}

const ROMAN = ['i', 'ii', 'iii', 'iv'] as const;
const YEAR = '((?:19|20)\\d{2})';
/** Spaces within a line: a period phrase never spans lines. */
const S = '[^\\S\\n]*';

/**
 * Every period phrase of a folded report, one alternative each; the earliest
 * and then the first alternative wins, so `năm học 2023-2024` is a school year
 * and `ngày 9 tháng 5` a date before either can read as a period.
 */
const PERIOD_RE = new RegExp(
  `\\b(?:${[
    `(?<longdate>ngay${S}\\d{1,2}${S}thang${S}\\d{1,2}(?:${S}nam${S}${YEAR})?)`,
    `(?<date>\\d{1,2}${S}[/-]${S}\\d{1,2}${S}[/-]${S}${YEAR})`,
    `(?<range>(?:(?:giai doan|nhiem ki|thoi ki)${S})?${YEAR}${S}[-–—]${S}${YEAR})`,
    `(?<quarter>quy${S}(iv|iii|ii|i|[1-4])(?![a-z0-9])(?:${S}(?:/|-|nam)${S}${YEAR})?)`,
    `(?<months>(\\d{1,2})${S}thang((?:${S}(?:dau|cuoi))?${S}nam)?(?:${S}${YEAR})?)`,
    `(?<month>thang${S}(\\d{1,2})(?!\\d)(?:(?:${S}(?:/|-|\\.|nam)${S}|${S})${YEAR})?)`,
    `(?<inmonth>trong${S}thang(?!${S}(?:\\d|dau|cuoi|hanh|toi|sau|truoc|cao|cong)))`,
    `(?<schoolyear>nam${S}hoc${S}${YEAR}(?:${S}[-–—]${S}${YEAR})?)`,
    `(?<year>nam${S}${YEAR})`,
    `(?<wholeyear>ca${S}nam(?!${S}\\d))`,
    // Headings that turn a report to its plans.
    `(?<planhead>phuong huong|giai phap trong tam|thoi gian toi|nhiem vu(?:,? giai phap| trong tam)(?= (?:nam|thang|quy|\\d)))`,
  ].join('|')})(?![a-z0-9])`,
  'g',
);

/** Words that make `N tháng` a duration (`dạy nghề dưới 3 tháng`), not a period. */
const DURATION_BEFORE =
  /\b(?:duoi|tren|hon|khoang|sau|truoc|vong|moi|cac|du|toi da|it nhat|thoi han|thoi gian|ngay)[^\S\n]*$/;
/** Forward-looking words: plans for the next period must not name this one. */
const PLAN_WORDS =
  /\b(?:tiep tuc|phan dau|(?<!chia )se|du kien|sap toi|thoi gian toi|phuong huong|(?<!quyet )dinh huong)\b/;
/** `đến năm 2025`, `nhiệm vụ 6 tháng cuối năm`: a target, not the period reported. */
const PLAN_JUST_BEFORE = /\b(?:den|den het|truoc|nhiem vu|phuong huong|muc tieu|ke hoach)[^\S\n]*$/;
const PLAN_JUST_AFTER = /^[^\S\n]*(?:toi|sap toi)\b/;
/** `so với (cùng kỳ) năm 2022`: a baseline. */
const COMPARE_JUST_BEFORE = /\b(?:so voi|cung ki)(?:[^\S\n]*(?:cung ki|cuoi|dau))?[^\S\n]*$/;
/** `đầu năm 2024`, `từ đầu năm 2024`: part of the year, says nothing of the report's span. */
const PARTIAL_JUST_BEFORE = /\b(?:dau|giua)[^\S\n]*$/;
const PARTIAL_YEAR = /\b(?:dau|giua|cuoi) nam\b/;
/** `đạt` earlier in the sentence: a target met, not a plan (`đạt ... đến năm 2025`). */
const ACHIEVED_BEFORE = /\bdat\b[^;:.]*$/;
/** A clause that opens on the mention: nothing but `Trong`, `Riêng`, `Kết quả`, a numbering or punctuation before it. */
const OPENING_CLAUSE = /^[\W\d_]*(?:\(\w+\)[^\S\n]*-?)?[^\S\n]*(?:trong|rieng|tinh chung|ket qua)?[^\S\n]*$/;
/** `đã`: done, not planned. */
const DONE = /\bda\b/;
/** `trong`, `riêng`, `cả` right before: the mention names the period. */
const NAMING_BEFORE = /\b(?:trong|rieng|ca)[^\S\n]*$/;
/** Mentions before this offset count as the lead of the report. */
const LEAD_CHARS = 300;
/** On a tie the finer span wins: a monthly report also says `năm 2024`. */
const FINER: Record<PeriodKind, number> = { month: 4, quarter: 3, months: 2, year: 1, range: 0 };

type Context = 'plan' | 'compare' | 'result' | 'neutral';

interface PeriodMention {
  /** `partial` is a part of a year (`đầu năm 2024`), `date` a day, neither a span. */
  kind: PeriodKind | 'partial' | 'date' | 'inmonth' | 'wholeyear';
  year: number | null;
  /** Months of a `months` mention, the month of a `month`, the quarter of a `quarter`. */
  n: number;
  rangeStart?: number;
  start: number;
  end: number;
  context: Context;
  /**
   * How strongly it names the report's span (`Trong 9 tháng`, `Năm 2024, ...`)
   * rather than just a year; 0 for a mention in passing.
   */
  span: number;
  /** Where it stands: title 4, lead 2, body 1. */
  weight: number;
}

/**
 * The period a report covers. Reports describe their latest period and mention
 * earlier years as baselines and the next ones as plans, so baselines and plans
 * count little, the title and lead count more, and the span (year, months,
 * month) comes from phrases that name it: `Trong năm 2023`, `Trong 9 tháng`,
 * `Trong tháng 4/2024`.
 */
export function detectPeriod(text: string, opts: { title?: string } = {}): PeriodDetection {
  const mentions = scanPeriods(text);
  if (opts.title) {
    const t = parsePeriodQuery(opts.title);
    const parsed = t.key ? parseKey(t.key) : null;
    if (t.kind) {
      mentions.push({
        kind: t.kind,
        year: t.year,
        n: parsed ? (parsed.kind === 'range' ? 12 : parsed.n) : (t.month ?? t.months ?? 12),
        rangeStart: parsed?.kind === 'range' ? parsed.n : undefined,
        start: -1,
        end: -1,
        context: 'result',
        // `... những tháng đầu năm 2024` gives the year, not a whole-year span.
        span: t.kind === 'year' && PARTIAL_YEAR.test(foldWithOffsets(opts.title).folded) ? 0 : 1,
        weight: 4,
      });
    }
  }
  const snip = (m: PeriodMention): string => (m.start < 0 ? (opts.title ?? '').slice(0, 80) : phrase(text, m));

  const year = chooseYear(mentions);
  // A span of years is the report's period only when the title gives it.
  const firstLineEnd = text.search(/\S\s*\n/) + 1 || text.length;
  const titleRange = mentions.find((m) => m.kind === 'range' && m.start < firstLineEnd && m.context !== 'plan');
  const spanVotes = new Map<string, { kind: PeriodKind; n: number; score: number; notes: string[] }>();
  let thisMonth = 0;
  for (const m of mentions) {
    if (m.span === 0 || m.context === 'plan' || m.context === 'compare') continue;
    if (m.year !== null && m.year !== year) continue;
    if (m.kind === 'inmonth') {
      thisMonth += spanVote(m);
      continue;
    }
    const kind: PeriodKind = m.kind === 'wholeyear' ? 'year' : (m.kind as PeriodKind);
    if (kind === 'range') continue;
    const id = `${kind}:${kind === 'year' ? 12 : m.n}`;
    const vote = spanVotes.get(id) ?? { kind, n: kind === 'year' ? 12 : m.n, score: 0, notes: [] };
    vote.score += spanVote(m);
    if (vote.notes.length < 3) {
      const note = snip(m);
      const lower = note.toLowerCase();
      if (!vote.notes.some((x) => x.toLowerCase() === lower)) vote.notes.push(note);
    }
    spanVotes.set(id, vote);
  }
  // `Trong tháng, ...` backs the month the report names elsewhere.
  const months = [...spanVotes.values()].filter((v) => v.kind === 'month').sort((a, b) => b.score - a.score);
  if (months[0] && thisMonth > 0) months[0].score += thisMonth;

  const titleSpan = mentions.some((m) => m.span > 0 && m.start < firstLineEnd && m.kind !== 'range');
  if (titleRange && !titleSpan) return rangeResult(titleRange, snip(titleRange));
  if (year === null) return { year: null, label: null, key: null, kind: null, evidence: '' };
  const best = [...spanVotes.values()].sort((a, b) => b.score - a.score || FINER[b.kind] - FINER[a.kind])[0];
  const kind = best?.kind ?? 'year';
  const n = best?.n ?? 12;
  const key = keyOf(kind, year, n);
  const evidence =
    best?.notes.join('; ') ||
    mentions
      .filter((m) => m.year === year && m.context !== 'plan' && m.kind !== 'date')
      .slice(0, 3)
      .map(snip)
      .join('; ');
  return { year, label: periodLabel(key), key, kind, months: periodSpan(key)!.months, evidence };
}

/** The mention as written, with the word that opens it (`Trong năm 2023`, `riêng tháng 4/2024`). */
function phrase(text: string, m: PeriodMention): string {
  const opener = /(?:^|[^\p{L}])((?:trong|riêng|cả)\s+)$/iu.exec(text.slice(Math.max(0, m.start - 7), m.start));
  return ((opener?.[1] ?? '') + text.slice(m.start, m.end)).replace(/\s+/g, ' ');
}

function rangeResult(m: PeriodMention, evidence: string): PeriodDetection {
  const key = `${m.rangeStart}-${m.year}`;
  return { year: m.year, label: periodLabel(key), key, kind: 'range', months: periodSpan(key)!.months, evidence };
}

/** How much a mention says about the year: a month or span names it, a date hints, a programme's range does not. */
const YEAR_VOTE: Record<PeriodMention['kind'], number> = {
  year: 1,
  months: 2,
  month: 2,
  quarter: 2,
  range: 0,
  partial: 0.5,
  date: 0.2,
  inmonth: 0,
  wholeyear: 0,
};
const CONTEXT_VOTE: Record<Context, number> = { plan: 0.2, compare: 0.1, result: 1.5, neutral: 1 };

/**
 * The year with the most weight, unless a later year comes close: earlier
 * years appear in reports as baselines, and plans are already discounted.
 */
function chooseYear(mentions: PeriodMention[]): number | null {
  const votes = new Map<number, number>();
  for (const m of mentions) {
    if (m.year === null) continue;
    // `Trong năm 2023, ...` names the period outright; `năm 2023` in passing only hints at it.
    const naming = m.span > 0 ? 2 : 1;
    const vote = YEAR_VOTE[m.kind] * CONTEXT_VOTE[m.context] * naming * m.weight;
    votes.set(m.year, (votes.get(m.year) ?? 0) + vote);
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked[0] || ranked[0][1] < 0.3) return null;
  const [bestYear, bestScore] = ranked[0];
  const later = ranked.filter(([y, s]) => y > bestYear && s >= 0.6 * bestScore).sort((a, b) => b[0] - a[0]);
  return later[0]?.[0] ?? bestYear;
}

function scanPeriods(text: string): PeriodMention[] {
  const { folded, toOriginal } = foldWithOffsets(text);
  const furniture = furnitureRanges(text);
  // Plans are looked for past the first third only: leads announce plans in passing.
  const planSearchFrom = Math.floor(folded.length * 0.3);
  let planFrom = Infinity;
  const out: PeriodMention[] = [];
  // Shared and stateful (`lastIndex`), which is safe: the scan never yields.
  const re = PERIOD_RE;
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const g = m.groups!;
    const fStart = m.index;
    const fEnd = fStart + m[0].length;
    if (isWordChar(folded, fStart - 1) || isWordChar(folded, fEnd)) {
      re.lastIndex = fStart + 1;
      continue;
    }
    const start = toOriginal(fStart);
    if (inRanges(furniture, start)) continue;
    if (g.planhead !== undefined) {
      if (fStart >= planSearchFrom) planFrom = Math.min(planFrom, toOriginal(sentenceStart(folded, fStart)));
      continue;
    }
    const numbers: string[] = [];
    for (let k = 1; k < m.length; k++) if (m[k] !== undefined && isDigits(m[k]!)) numbers.push(m[k]!);
    const years = numbers.filter((x) => x.length === 4).map(Number);
    let kind: PeriodMention['kind'];
    let n = 0;
    let rangeStart: number | undefined;
    const year: number | null = years.at(-1) ?? null;
    if (g.longdate !== undefined || g.date !== undefined) kind = 'date';
    else if (g.schoolyear !== undefined) continue;
    else if (g.range !== undefined) {
      kind = 'range';
      rangeStart = years[0];
      if (rangeStart === undefined || year === null || year <= rangeStart) continue;
    } else if (g.quarter !== undefined) {
      kind = 'quarter';
      const q = m[0].match(/quy[^\S\n]*(iv|iii|ii|i|[1-4])/)![1]!;
      n = /\d/.test(q) ? Number(q) : ROMAN.indexOf(q as (typeof ROMAN)[number]) + 1;
    } else if (g.months !== undefined) {
      n = Number(numbers[0]);
      if (n < 2 || n > 11 || !namesMonths(folded, fStart, g.months)) {
        // `dạy nghề dưới 3 tháng` is a duration; let the rest of the phrase (`năm 2024`) be read on its own.
        re.lastIndex = fStart + numbers[0]!.length;
        continue;
      }
      kind = 'months';
    } else if (g.month !== undefined) {
      n = Number(numbers[0]);
      if (n < 1 || n > 12) continue;
      kind = 'month';
    } else if (g.inmonth !== undefined) kind = 'inmonth';
    else if (g.wholeyear !== undefined) kind = 'wholeyear';
    else kind = 'year';

    let context = contextOf(folded, fStart, fEnd);
    if (kind === 'year' && context === 'partial') kind = 'partial';
    if (context === 'partial') context = 'neutral';
    // `6 tháng cuối năm` is what is left of the year: the plan part of a half-year report.
    if (kind === 'months' && g.months.includes('cuoi')) context = 'plan';
    // `Trong năm 2024, Sở ... tiếp tục ...`, `Trong tháng 5 tới, ...` open the plans.
    if (context === 'plan' && fStart >= planSearchFrom) {
      const sentence = sentenceStart(folded, fStart);
      if (/^[^\S\n]*(?:[ivx\d]+\.[^\S\n]*)?trong[^\S\n]*$/.test(folded.slice(sentence, fStart))) {
        planFrom = Math.min(planFrom, toOriginal(sentence));
      }
    }
    const lead = start < LEAD_CHARS;
    const span = spanOf(kind, context, lead, folded, fStart);
    out.push({ kind, year, n, rangeStart, start, end: toOriginal(fEnd), context, span, weight: lead ? 2 : 1 });
  }
  for (const m of out) if (m.start >= planFrom && m.context !== 'compare') m.context = 'plan';
  return out;
}

/**
 * `N tháng` is a period when it says of which year (`9 tháng đầu năm`, `9 tháng
 * năm 2024`) or opens its clause (`Trong 9 tháng, ...`, `Báo cáo 9 tháng`);
 * elsewhere (`đào tạo sơ cấp 6 tháng cho 200 người`) it is a duration.
 */
function namesMonths(folded: string, fStart: number, phrase: string): boolean {
  const before = folded.slice(Math.max(0, fStart - 40), fStart);
  if (DURATION_BEFORE.test(before)) return false;
  if (/nam|\d{4}/.test(phrase.slice(phrase.indexOf('thang')))) return true;
  const clause = lastPiece(before, true);
  return /^[\W\d_]*(?:trong|ket qua|tinh hinh|luy ke|bao cao|so ket|tong ket)?[^\S\n]*$/.test(clause);
}

function spanOf(kind: PeriodMention['kind'], context: Context, lead: boolean, folded: string, fStart: number): number {
  switch (kind) {
    case 'months':
    case 'quarter':
    case 'inmonth':
    case 'wholeyear':
      return 1;
    case 'month':
    case 'year':
      // `Trong năm 2023, ...`, `Năm 2024, ...`, `kế hoạch cả năm 2023`, `riêng tháng 4/2024`.
      if (context === 'result') return 1;
      if (NAMING_BEFORE.test(folded.slice(Math.max(0, fStart - 12), fStart))) return 1;
      // The lead names the period (`báo cáo kết quả tháng 04 năm 2024`); a year there
      // may just be the calendar of a shorter span.
      if (lead) return kind === 'month' ? 1 : 0.5;
      return 0;
    default:
      return 0;
  }
}

/** A mention's vote for the span it names. */
function spanVote(m: PeriodMention): number {
  return m.span * m.weight * (m.context === 'result' ? 1.5 : 1);
}

function contextOf(folded: string, fStart: number, fEnd: number): Context | 'partial' {
  const before = folded.slice(Math.max(0, fStart - 160), fStart);
  const just = before.slice(-30);
  if (COMPARE_JUST_BEFORE.test(just)) return 'compare';
  if (PLAN_JUST_BEFORE.test(just) && !ACHIEVED_BEFORE.test(before)) return 'plan';
  if (PLAN_JUST_AFTER.test(folded.slice(fEnd, fEnd + 12))) return 'plan';
  const sentenceBefore = lastPiece(before, false);
  if (PLAN_WORDS.test(sentenceBefore)) return 'plan';
  const after = firstSentence(folded.slice(fEnd, fEnd + 200));
  const clauseBefore = sentenceBefore.slice(
    Math.max(sentenceBefore.lastIndexOf(','), sentenceBefore.lastIndexOf(':')) + 1,
  );
  const opening = OPENING_CLAUSE.test(clauseBefore);
  if (opening && PLAN_WORDS.test(after) && !DONE.test(after.split(PLAN_WORDS)[0]!)) return 'plan';
  if (PARTIAL_JUST_BEFORE.test(just)) return 'partial';
  return opening ? 'result' : 'neutral';
}

/** Only ASCII digits, at least one (`/^\d+$/`). */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `\s` as a regex reads it. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Offset of the last sentence stop in `s` (`;`, `!`, `?`, a line break, or a dot before a space within `s`; with `clause`, also `,` and `:`), or -1. */
function lastStop(s: string, clause: boolean): number {
  // Native searches per stop character beat a scan in script over every character.
  let at = Math.max(s.lastIndexOf(';'), s.lastIndexOf('!'), s.lastIndexOf('?'), s.lastIndexOf('\n'));
  if (clause) at = Math.max(at, s.lastIndexOf(','), s.lastIndexOf(':'));
  for (let dot = s.lastIndexOf('.'); dot > at; dot = s.lastIndexOf('.', dot - 1)) {
    if (dot + 1 < s.length && isSpace(s.charCodeAt(dot + 1))) return dot;
    if (dot === 0) break;
  }
  return at;
}

/** The text after the last stop, as `s.split(/[;!?\n]|\.(?=\s)/).at(-1)` gives it (plus `,:` with `clause`). */
function lastPiece(s: string, clause: boolean): string {
  return s.slice(lastStop(s, clause) + 1);
}

/** The first `ch` in `s` if it comes before `end`, else `end`. */
function firstOf(s: string, ch: string, end: number): number {
  const at = s.indexOf(ch);
  return at >= 0 && at < end ? at : end;
}

/** The text before the first stop, as `s.split(/[;!?\n]|\.(?=\s)/)[0]` gives it. */
function firstSentence(s: string): string {
  let end = firstOf(s, ';', s.length);
  end = firstOf(s, '!', end);
  end = firstOf(s, '?', end);
  end = firstOf(s, '\n', end);
  for (let dot = s.indexOf('.'); dot >= 0 && dot < end; dot = s.indexOf('.', dot + 1)) {
    if (dot + 1 < s.length && isSpace(s.charCodeAt(dot + 1))) {
      end = dot;
      break;
    }
  }
  return s.slice(0, end);
}

function sentenceStart(folded: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) {
    const c = folded[i]!;
    if (c === '\n' || c === ';' || c === '!' || c === '?' || (c === '.' && /\s/.test(folded[i + 1] ?? '')))
      return i + 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Questions.

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

// English month names need a year or `in` (`May 2024`, `in May`): `may` is also folded `mấy`.
const ENGLISH_MONTH = new RegExp(
  `(?:\\b(${MONTH_NAMES.join('|')}) (?:of )?((?:19|20)\\d{2})|\\bin (${MONTH_NAMES.join('|')})\\b)`,
);

/** A bare year, not part of a number (`23.250`) or a document number (`55/2023/NĐ-CP`). */
const BARE_YEAR = /(?<![\p{L}\p{N}/.,-])((?:19|20)\d{2})(?![\p{L}\p{N}]|[/.,-]\d)/u;

/**
 * The period a question names, typed with or without accents, in Vietnamese or
 * English, or as a period key (`2024-9m`). Relative dates (`năm nay`) stay null:
 * the corpus has no clock to resolve them against.
 */
export function parsePeriodQuery(question: string): PeriodQuery {
  const q = englishSpans(foldWithOffsets(question).folded.replace(/\s+/g, ' '));
  const none: PeriodQuery = { year: null, key: null, kind: null, label: null };
  const asKey = /^\s*(\d{4})(?:-(\d{1,2})m|-(\d{2})|-q([1-4])|-(\d{4}))?\s*$/.exec(q);
  if (asKey) {
    const [, y, m, mo, qu, y2] = asKey;
    if (m) return fromKey(`${y}-${Number(m)}m`);
    if (mo) return fromKey(`${y}-${mo}`);
    if (qu) return fromKey(`${y}-q${qu}`);
    if (y2) return fromKey(`${y}-${y2}`);
    return fromKey(y!);
  }
  const anyYear = (): number | null => {
    const y = BARE_YEAR.exec(q);
    return y ? Number(y[1]) : null;
  };

  const range = /(?<!\d)((?:19|20)\d{2}) ?[-–—] ?((?:19|20)\d{2})(?!\d)/.exec(q);
  if (range && Number(range[2]) > Number(range[1]) && !/nam hoc ?$/.test(q.slice(0, range.index))) {
    return fromKey(`${range[1]}-${range[2]}`);
  }
  // `Q1` alone is as often Quận 1 of Hồ Chí Minh City, so it needs its year.
  const quarter =
    /\bquy ?(iv|iii|ii|i|[1-4])\b(?: ?(?:\/|-|nam)? ?((?:19|20)\d{2}))?/.exec(q) ??
    /\bq ?([1-4]) ?(?:\/|-|of)? ?((?:19|20)\d{2})\b/.exec(q);
  if (quarter) {
    const n = /\d/.test(quarter[1]!) ? Number(quarter[1]) : ROMAN.indexOf(quarter[1] as (typeof ROMAN)[number]) + 1;
    const year = quarter[2] ? Number(quarter[2]) : anyYear();
    if (year) return fromKey(`${year}-q${n}`);
    return { ...none, kind: 'quarter', months: 3, label: `quý ${ROMAN[n - 1]!.toUpperCase()}` };
  }
  // `9T/2025`, `6T đầu năm 2024`: officials' short form of N months.
  const shortMonths = /\b(\d{1,2}) ?t(?: ?dau nam)? ?(?:\/|-|nam)? ?((?:19|20)\d{2})\b/.exec(q);
  if (shortMonths && Number(shortMonths[1]) >= 2 && Number(shortMonths[1]) <= 11) {
    return fromKey(`${shortMonths[2]}-${Number(shortMonths[1])}m`);
  }
  // `T5/2021`: month 5.
  const shortMonth = /\bt ?(\d{1,2}) ?\/ ?((?:19|20)\d{2})\b/.exec(q);
  if (shortMonth && Number(shortMonth[1]) >= 1 && Number(shortMonth[1]) <= 12) {
    return fromKey(`${shortMonth[2]}-${String(Number(shortMonth[1])).padStart(2, '0')}`);
  }
  const months = /\b(\d{1,2}) ?(?:thang|months?)(?: ?dau ?nam)?(?: ?(?:nam|of|in))? ?((?:19|20)\d{2})?/.exec(q);
  if (months && Number(months[1]) >= 2 && Number(months[1]) <= 11 && !DURATION_BEFORE.test(q.slice(0, months.index))) {
    const n = Number(months[1]);
    const year = months[2] ? Number(months[2]) : anyYear();
    if (year) return fromKey(`${year}-${n}m`);
    return { ...none, kind: 'months', months: n, label: `${n} tháng` };
  }
  const month =
    /\bthang ?(\d{1,2})(?!\d)(?: ?(?:\/|-|nam)? ?((?:19|20)\d{2}))?/.exec(q) ??
    /(?<![\d/.,])(\d{1,2}) ?\/ ?((?:19|20)\d{2})(?![\d/])/.exec(q);
  const english = ENGLISH_MONTH.exec(q);
  const monthName = english?.[1] ?? english?.[3];
  const monthHit = month ?? (monthName ? [english![0], String(MONTH_NAMES.indexOf(monthName) + 1), english![2]] : null);
  if (monthHit && Number(monthHit[1]) >= 1 && Number(monthHit[1]) <= 12) {
    const n = Number(monthHit[1]);
    const year = monthHit[2] ? Number(monthHit[2]) : anyYear();
    if (year) return fromKey(`${year}-${String(n).padStart(2, '0')}`);
    return { ...none, kind: 'month', month: n, months: 1, label: `tháng ${n}` };
  }
  const year = anyYear();
  return year ? fromKey(String(year)) : none;
}

/** Spans written without a year in a report's lead: `9 tháng qua`, `từ đầu năm đến hết tháng 8`, `quý I`. */
const YEARLESS_SPAN =
  /\b(?:(\d{1,2}) thang (?:dau nam|qua|nam nay)|tu dau nam (?:den|toi) (?:het |cuoi )?thang (\d{1,2})|quy (i{1,3}|iv|[1-4])(?! ?(?:\/|nam)? ?(?:19|20)\d{2}))\b/;

/**
 * The period of a report that never states its year: the span its lead names
 * (`9 tháng qua`), in the year that `cùng kỳ năm 2023` points to (the year
 * after it) or else the year the page was published (the year before, when
 * the span would end after the publication month).
 */
export function inferUnstatedPeriod(text: string, published: string | null): PeriodQuery | null {
  const lead = foldWithOffsets(text.slice(0, 1500)).folded.replace(/\s+/g, ' ');
  const span = YEARLESS_SPAN.exec(lead);
  const sameTime = /\bcung ki (?:nam )?((?:19|20)\d{2})\b/.exec(foldWithOffsets(text).folded);
  const pub = published ? /^((?:19|20)\d{2})-(\d{2})/.exec(published) : null;
  if (!span) return null;
  const months = span[1] ? Number(span[1]) : span[2] ? Number(span[2]) : null;
  const quarter = span[3]
    ? /\d/.test(span[3])
      ? Number(span[3])
      : ROMAN.indexOf(span[3] as (typeof ROMAN)[number]) + 1
    : null;
  const endMonth = months ?? (quarter ? quarter * 3 : 12);
  let year: number | null = null;
  if (sameTime) year = Number(sameTime[1]) + 1;
  else if (pub) year = Number(pub[1]) - (endMonth > Number(pub[2]) ? 1 : 0);
  if (year === null) return null;
  if (quarter) return fromKey(`${year}-q${quarter}`);
  if (months && months >= 2 && months <= 11) return fromKey(`${year}-${months}m`);
  return months === 12 ? fromKey(String(year)) : null;
}

const ENGLISH_COUNTS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];

/** `the first nine months` → `9 months`, `first half` and `nửa đầu năm` → 6 months, `first quarter` → `quy 1`. */
function englishSpans(q: string): string {
  return q
    .replace(
      /\b(two|three|four|five|six|seven|eight|nine|ten|eleven) months\b/g,
      (_, n: string) => `${ENGLISH_COUNTS.indexOf(n) + 2} months`,
    )
    .replace(/\b(?:first half|six months)\b/g, '6 months')
    .replace(/\bfirst quarter\b/g, 'quy 1')
    .replace(/\bnua dau nam\b/g, '6 thang nam');
}

function fromKey(key: string): PeriodQuery {
  const parsed = parseKey(key);
  if (!parsed) return { year: null, key: null, kind: null, label: null };
  const q: PeriodQuery = { year: parsed.year, key, kind: parsed.kind, label: periodLabel(key), months: parsed.months };
  if (parsed.kind === 'month') q.month = parsed.n;
  return q;
}

function keyOf(kind: PeriodKind, year: number, n: number): string {
  switch (kind) {
    case 'year':
      return String(year);
    case 'months':
      return `${year}-${n}m`;
    case 'month':
      return `${year}-${String(n).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-q${n}`;
    case 'range':
      return `${n}-${year}`;
  }
}

interface ParsedKey {
  kind: PeriodKind;
  year: number;
  /** Months of a `months` key, the month, the quarter, or the first year of a range. */
  n: number;
  months: number;
}

function parseKey(key: string): ParsedKey | null {
  const m = /^(\d{4})(?:-(\d{1,2})m|-(\d{2})|-q([1-4])|-(\d{4}))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const n = Number(m[2]);
    return n >= 1 && n <= 12 ? { kind: 'months', year, n, months: n } : null;
  }
  if (m[3]) {
    const n = Number(m[3]);
    return n >= 1 && n <= 12 ? { kind: 'month', year, n, months: 1 } : null;
  }
  if (m[4]) return { kind: 'quarter', year, n: Number(m[4]), months: 3 };
  if (m[5]) {
    const last = Number(m[5]);
    return last > year ? { kind: 'range', year: last, n: year, months: (last - year + 1) * 12 } : null;
  }
  return { kind: 'year', year, n: 12, months: 12 };
}

/** `2023` → `năm 2023`, `2024-9m` → `9 tháng năm 2024`, `2024-04` → `tháng 4/2024`, `2024-q1` → `quý I/2024`. */
export function periodLabel(key: string): string | null {
  const p = parseKey(key);
  if (!p) return null;
  switch (p.kind) {
    case 'year':
      return `năm ${p.year}`;
    case 'months':
      return `${p.n} tháng năm ${p.year}`;
    case 'month':
      return `tháng ${p.n}/${p.year}`;
    case 'quarter':
      return `quý ${ROMAN[p.n - 1]!.toUpperCase()}/${p.year}`;
    case 'range':
      return `${p.n}-${p.year}`;
  }
}

/**
 * How long a period is and the year it ends in, so comparisons can say that a
 * nine-month figure is not a full year's: `2023` → 12 months, `2024-9m` → 9,
 * `2024-04` → 1, `2021-2025` → 60 ending 2025.
 */
export function periodSpan(key: string): { months: number; year: number } | null {
  const p = parseKey(key);
  return p ? { months: p.months, year: p.year } : null;
}
