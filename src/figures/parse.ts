/**
 * Every figure a passage states, in order, with offsets into the passage.
 *
 * One compiled regex finds number tokens (`23.250`, `7.000/6.400`, `30/8/2024`);
 * each is then judged from a few characters around it: dates, times, document
 * numbers, years, footnote marks, headings and ordinals (`đợt 5`, `lần thứ 4`)
 * are dropped, the unit after it is read, and sticky look-behind regexes tell
 * qualifiers (`gần`, `lũy kế`), changes (`giảm 1.656 hộ`) and ranks apart.
 * No step re-reads the whole text, so parsing stays linear.
 */
import { clauseStart, createIndicatorContext, indicatorAt, type IndicatorContext } from './indicator.js';
import type { Figure, FigureKind, Qualifier } from './types.js';
import { readUnit, type UnitReading } from './units.js';

const NUM = String.raw`\d+(?:[.,]\d+)*`;

/**
 * A number, then an optional `/number` (ratio, day/month) and a third part (a
 * date). Not inside a word or a code: no letter or digit just before, nor a
 * separator glued to one (`Covid-19`, the `2024` of `2024-2030`, `09:42`).
 */
const TOKEN_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_]|\p{L}[\/\-–.,]|\p{N}[\/\-–.,:])(${NUM})(?:\/(${NUM}))?(?:\/(${NUM}))?`,
  'gu',
);

/** Look-behind tests run as sticky regexes at the number's start: no slicing. */
function before(body: string): RegExp {
  return new RegExp(`(?<=${body})`, 'iuy');
}
const W = '(?<![\\p{L}\\p{N}])';
const S = '[ \\t\\u00a0]+';

/** Words after which a number is a name, an ordinal or a date part, not a figure. */
const NAME_BEFORE_RE = before(
  `${W}(số|đợt|lần|thứ|khóa|khoá|tháng|ngày|năm|quý|tuần|đội|khu|phường|quận|ấp|tổ|xóm|khóm|đồi|cao điểm|đường|quốc lộ|tỉnh lộ|đề án|dự án|chương trình|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|công văn|tờ trình|thông báo|luật|điều|khoản|mục|chương|phụ lục|giai đoạn|tuổi|lớp|nhóm|hạng|bậc|phòng|từ đủ|công nghiệp)${S}`,
);
/** `đứng thứ 12/19`, `xếp thứ 2/13`, `xếp hạng 5`. */
const RANK_BEFORE_RE = before(`${W}(?:đứng|xếp|xếp hạng|hạng)${S}(?:thứ${S})?`);
const QUALIFIER_BEFORE_RE = before(`(?:${W}(gần|trên|hơn|khoảng|dưới|đạt|ước đạt)${S}|([<>≤≥])[ \\t]*)`);
/** `lũy kế từ đầu năm 2024 là 1.372 người`: digits allowed only as a year. */
const CUMULATIVE_BEFORE_RE = before(`${W}(?:lũy|luỹ)${S}kế(?:[^;\\n\\d]|(?:19|20)\\d\\d){0,60}`);
/** The word `CUMULATIVE_BEFORE_RE` needs, looked for once per text: most passages never say it. */
const CUMULATIVE_WORD_RE = /(?:lũy|luỹ)/iu;
const CHANGE_BEFORE_RE = before(
  `${W}(phát sinh tăng|phát sinh giảm|phát sinh|tăng mới|tăng thêm|tăng|giảm bớt|giảm)${S}(?:(?:gần|trên|hơn|khoảng|dưới)${S})?`,
);
/** `cao hơn so với năm 2022 là 1%`, `mức giảm tỷ lệ hộ nghèo là 1,33%`. */
const DIFFERENCE_BEFORE_RE = before(`${W}(cao hơn|thấp hơn|nhiều hơn|ít hơn|mức tăng|mức giảm)[^;\\n]{0,60}${W}là${S}`);
const FROM_BEFORE_RE = before(`${W}(tăng|giảm)${S}từ${S}`);
const TO_AFTER_RE = new RegExp(`${S}(xuống|lên)${S}(?:còn${S}|mức${S})?(${NUM})`, 'iuy');
const ACHIEVED_BEFORE_RE = before(`${W}đạt${S}`);
const ALLOWANCE_ONCE_BEFORE_RE = before(`${W}trợ cấp${S}`);
const MONEY_OF_PREVIOUS_BEFORE_RE = before(`${W}(?:số tiền|kinh phí|trị giá|tổng kinh phí)[^;\\n\\d]{0,25}`);

/** `đạt 109,4% kế hoạch` after a plan ratio (the plan word may be left out there). */
const RATIO_PERCENT_AFTER_RE = new RegExp(
  `([^\\d;.\\n]{0,60}?${W}đạt${S}(?:(?:tỷ|tỉ) lệ${S})?)(${NUM})([ \\t]?%)`,
  'iuy',
);
/**
 * `23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch`: the percent
 * of plan past one comparison with an earlier period. The comparison stays a
 * figure of its own, so nothing is consumed.
 */
const PLAN_PERCENT_PAST_COMPARISON_RE = new RegExp(
  `[^\\d;.\\n]{0,40}?${W}(?:tăng|giảm|bằng|đạt)${S}(?:${NUM})[ \\t]?%${S}so với[^\\d;.\\n]{0,25}?(?:(?:19|20)\\d{2})?` +
    `[^\\d;.\\n]{0,30}?${W}đạt${S}(${NUM})([ \\t]?%)${S}(?:so với${S})?(?:kế hoạch|KH|chỉ tiêu)(?![\\p{L}])`,
  'iuy',
);
/** `đạt 101,28% so với kế hoạch` after a count. */
const PLAN_PERCENT_AFTER_RE = new RegExp(
  `([^\\d;.\\n]{0,120}?${W}đạt${S})(${NUM})([ \\t]?%)${S}(?:so với${S})?(?:kế hoạch|KH|chỉ tiêu)(?![\\p{L}])`,
  'iuy',
);

/** Ordinals continue in lists (`tuổi 70, 75, 80`) only as short bare numbers. */
const SMALL_INTEGER = /^\d{1,3}$/;
const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

// ---------------------------------------------------------------------------
// Numbers

/**
 * A number as Vietnamese reports write it: `.` groups thousands, `,` is the
 * decimal mark. A lone `.` not followed by exactly three digits cannot be
 * grouping, so it is read as a decimal point (`1.5` → 1.5).
 */
export function parseVietnameseNumber(s: string): number | null {
  const plain = parsePlainNumber(s);
  if (plain !== undefined) return plain;
  const t = s.trim();
  if (BARE_DIGITS.test(t)) return Number(t);
  const m = SIGNED_NUMBER.exec(t);
  if (!m) return null;
  const body = m[2]!;
  let normal: string | null = null;
  if (BARE_DIGITS.test(body)) normal = body;
  else if (DOT_GROUPED.test(body)) normal = body.replace(/\./g, '').replace(',', '.');
  else if (ONE_SEPARATOR.test(body)) normal = body.replace(',', '.');
  else if (COMMA_GROUPED.test(body)) normal = body.replace(/,/g, '');
  if (normal === null) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? (m[1] ? -n : n) : null;
}

/** Digit runs, and the separator after each, of the number `parsePlainNumber` is reading. */
const RUNS = new Int32Array(16);
const SEPARATORS = new Int32Array(16);

/**
 * `parseVietnameseNumber` for a string of digits, dots and commas only (every
 * number the figure scan finds), read in one pass instead of four regex tests;
 * undefined for anything else, which takes the general path.
 */
function parsePlainNumber(s: string): number | null | undefined {
  const n = s.length;
  if (n === 0) return undefined;
  let groups = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) run++;
    else if (c === 46 || c === 44) {
      if (run === 0) return null; // a separator first or twice in a row
      if (groups === RUNS.length - 1) return undefined;
      RUNS[groups] = run;
      SEPARATORS[groups++] = c;
      run = 0;
    } else return undefined;
  }
  if (run === 0) return null; // a separator last
  RUNS[groups] = run;
  if (groups === 0) return Number(s);
  let normal: string | null = null;
  if (isDotGrouped(groups)) normal = s.replaceAll('.', '').replace(',', '.');
  else if (groups === 1) normal = s.replace(',', '.');
  else if (isCommaGrouped(groups)) normal = s.replaceAll(',', '');
  if (normal === null) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** `DOT_GROUPED` on the runs: 1–3 digits, groups of three after dots, then maybe a decimal comma. */
function isDotGrouped(groups: number): boolean {
  if (RUNS[0]! > 3) return false;
  let k = 0;
  while (k < groups && SEPARATORS[k] === 46) {
    if (RUNS[k + 1] !== 3) return false;
    k++;
  }
  return k >= 1 && (k === groups || (k === groups - 1 && SEPARATORS[k] === 44));
}

/** `COMMA_GROUPED` on the runs: 1–3 digits, then at least two groups of three after commas. */
function isCommaGrouped(groups: number): boolean {
  if (RUNS[0]! > 3 || groups < 2) return false;
  for (let k = 0; k < groups; k++) if (SEPARATORS[k] !== 44 || RUNS[k + 1] !== 3) return false;
  return true;
}

const BARE_DIGITS = /^\d+$/;
/** `2,4`, `1.5`: a single separator that cannot be grouping is the decimal mark. */
const ONE_SEPARATOR = /^\d+[.,]\d+$/;
const SIGNED_NUMBER = /^([-−]?)(\d+(?:[.,]\d+)*)$/;
/** `23.250`, `1.000.000`, `34.451,21`: dots group by three, an optional decimal comma. */
const DOT_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
/** `1,000,000`: comma groups, as some tables are typed. */
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3}){2,}$/;

/** Writes a number the Vietnamese way (23250 → `23.250`, 2.4 → `2,4`), rounding to `maxDecimals` when given. */
export function formatVietnameseNumber(n: number, maxDecimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const x = maxDecimals === undefined ? n : Number(n.toFixed(maxDecimals));
  const shortest = String(Math.abs(x));
  // String() switches to exponent notation past 1e21 and below 1e-6.
  const digits = /e/i.test(shortest)
    ? Math.abs(x).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : shortest;
  const [int, frac] = digits.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (x < 0 ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

// ---------------------------------------------------------------------------
// Figures

interface Scan {
  text: string;
  ctx: IndicatorContext;
  figures: Figure[];
  /** Text up to here belongs to the previous figure (its attached percent of plan). */
  consumed: number;
  /** End of the last token dropped as an ordinal, for lists like `tuổi 70, 75, 80`. */
  ordinalEnd: number;
  /** End of the last time of day (`08:01`), whose next number is page furniture. */
  timeEnd: number;
  /** End of the previous figure: the next one's own words start after it. */
  lastEnd: number;
  /** Whether the text says `lũy kế` at all; null until asked. */
  cumulative: boolean | null;
}

/** Every numeric expression in `text` that a report states as a figure, in order. */
export function parseFigures(text: string): Figure[] {
  const scan: Scan = {
    text,
    ctx: createIndicatorContext(text),
    figures: [],
    consumed: 0,
    ordinalEnd: -1,
    timeEnd: -1,
    lastEnd: 0,
    cumulative: null,
  };
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    if (m.index < scan.consumed) continue;
    readToken(scan, m);
  }
  attachRates(text, scan.figures);
  return scan.figures;
}

/** The rate that goes with a count: `8.952 hộ nghèo, chiếm tỷ lệ 1,95%`. */
const RATE_OF: Readonly<Record<string, string>> = {
  so_ho_ngheo: 'ty_le_ho_ngheo',
  so_ho_can_ngheo: 'ty_le_ho_can_ngheo',
};
const RATE_LEAD_RE = /(?:chiếm|tỷ lệ|tỉ lệ|bằng)[\s\p{L}]{0,12}$/iu;

/** A percent that only says `chiếm tỷ lệ` measures the rate of the count just before it. */
function attachRates(text: string, figures: Figure[]): void {
  for (let i = 1; i < figures.length; i++) {
    const figure = figures[i]!;
    const previous = figures[i - 1]!;
    if (figure.unit !== '%' || !previous.indicator) continue;
    const rate = RATE_OF[previous.indicator];
    if (!rate || (figure.indicator !== null && figure.indicator !== previous.indicator)) continue;
    const between = text.slice(previous.end, figure.start);
    if (between.length <= 40 && !/[;.]/.test(between) && RATE_LEAD_RE.test(between)) figure.indicator = rate;
  }
}

function readToken(scan: Scan, m: RegExpExecArray): void {
  const { text } = scan;
  const start = m.index;
  const a = m[1]!;
  const b = m[2];
  const numberEnd = start + m[0].length;
  const next = text[numberEnd] ?? '';
  const next2 = text[numberEnd + 1] ?? '';

  if (m[3] !== undefined) return; // d/m/yyyy
  const dash = next === '-' || next === '–';
  if ((dash || next === '/') && LETTER_RE.test(next2)) return; // 02/QĐ-UBND, 227-KH/TU
  if (dash && isDigit(next2)) return; // 24-11-2024, 2024-2030
  if (next === ':' && isDigit(next2)) {
    scan.timeEnd = numberEnd + 3;
    return;
  }
  if (text[start - 1] === '[' && next === ']') return; // footnote mark
  if (scan.timeEnd > 0 && /^[ \t]+$/.test(text.slice(scan.timeEnd, start))) return; // view count after a timestamp
  if (b === undefined && (next === '.' || next === ')') && !a.includes(',') && atLineStart(text, start)) return; // 2.1. heading

  const unit = readUnit(text, numberEnd);
  const rank = matchesAt(RANK_BEFORE_RE, text, start);
  const name = rank ? null : execAt(NAME_BEFORE_RE, text, start);
  if (name && isNameNumber(name[1]!, a, b, unit)) {
    if (SMALL_INTEGER.test(m[0])) scan.ordinalEnd = numberEnd;
    return;
  }
  if (unit.duration) return;
  if (
    scan.ordinalEnd >= 0 &&
    !unit.unit &&
    SMALL_INTEGER.test(m[0]) &&
    /^[ \t]*,[ \t]*$/.test(text.slice(scan.ordinalEnd, start))
  ) {
    scan.ordinalEnd = numberEnd;
    return;
  }
  if (unit.end === numberEnd && LETTER_RE.test(next)) return; // glued to a word: 3G, 4.0
  if (unit.unit === 'lần' && matchesAt(ALLOWANCE_ONCE_BEFORE_RE, text, start)) return; // trợ cấp 1 lần

  const value = parseVietnameseNumber(a);
  if (value === null) return;
  if (b !== undefined) {
    const target = parseVietnameseNumber(b);
    if (target === null) return;
    if (!rank && !unit.unit && isDayMonth(a, b, value, target) && !matchesAt(ACHIEVED_BEFORE_RE, text, start)) return;
    pushFigure(scan, { start, numberEnd, unit, kind: rank ? 'rank' : 'achieved_over_plan', value, target });
    return;
  }
  if (isYear(a, value, unit) && text[start - 1] !== ':' && text[start - 2] !== ':') return;

  if (matchesAt(FROM_BEFORE_RE, text, start)) {
    TO_AFTER_RE.lastIndex = unit.end;
    const to = TO_AFTER_RE.exec(text);
    const toValue = to ? parseVietnameseNumber(to[2]!) : null;
    if (to && toValue !== null) {
      const toUnit = readUnit(text, TO_AFTER_RE.lastIndex);
      const direction = /^xu/i.test(to[1]!) ? 'down' : 'up';
      const chosen = toUnit.unit ? toUnit : unit;
      pushFigure(scan, {
        start,
        numberEnd,
        unit: { ...chosen, end: toUnit.end },
        kind: 'change',
        value: toValue,
        change: { direction, from: scale(value, unit), to: scale(toValue, chosen) },
      });
      return;
    }
  }
  const change = execAt(CHANGE_BEFORE_RE, text, start) ?? execAt(DIFFERENCE_BEFORE_RE, text, start);
  if (change) {
    const direction = /giảm|thấp|ít/i.test(change[1]!) ? 'down' : 'up';
    pushFigure(scan, { start, numberEnd, unit, kind: 'change', value, change: { direction } });
    return;
  }
  if (rank) {
    pushFigure(scan, { start, numberEnd, unit, kind: 'rank', value });
    return;
  }
  const kind: FigureKind = unit.percent ? 'percent' : unit.money ? 'money' : 'count';
  pushFigure(scan, { start, numberEnd, unit, kind, value });
}

interface Draft {
  start: number;
  numberEnd: number;
  unit: UnitReading;
  kind: FigureKind;
  value: number;
  target?: number;
  change?: { direction: 'up' | 'down'; from?: number; to?: number };
}

function pushFigure(scan: Scan, d: Draft): void {
  const { text } = scan;
  const end = d.unit.end;
  const figure: Figure = {
    text: text.slice(d.start, end),
    start: d.start,
    end,
    kind: d.kind,
    value: d.change?.to ?? scale(d.value, d.unit),
    unit: d.unit.unit,
    unitText: d.unit.unitText,
    qualifier: qualifierAt(scan, d.start),
    indicator: null,
  };
  if (d.target !== undefined) figure.target = scale(d.target, d.unit);
  if (d.change) {
    figure.direction = d.change.direction;
    if (d.change.from !== undefined) figure.from = d.change.from;
    if (d.change.to !== undefined) figure.to = d.change.to;
  }
  if (figure.qualifier === 'đạt' && d.kind === 'change') figure.qualifier = null;
  scan.consumed = end;
  attachPercentOfPlan(scan, figure);

  const previous = scan.figures[scan.figures.length - 1];
  const sameParagraph =
    previous !== undefined && d.start - scan.lastEnd < 300 && !hasLineBreak(text, scan.lastEnd, d.start);
  const site = {
    start: d.start,
    end,
    unit: figure.unit,
    kind: figure.kind,
    windowStart: clauseStart(text, d.start, scan.lastEnd),
    inherited: sameParagraph ? previous.indicator : null,
    continuesPrevious: d.unit.money && matchesAt(MONEY_OF_PREVIOUS_BEFORE_RE, text, d.start),
  };
  figure.indicator = indicatorAt(scan.ctx, site)?.id ?? null;
  scan.lastEnd = scan.consumed;
  scan.figures.push(figure);
}

/** `đạt 109,4% kế hoạch` right after the figure, with no other number between. */
function attachPercentOfPlan(scan: Scan, figure: Figure): void {
  if (figure.kind !== 'achieved_over_plan' && figure.kind !== 'count' && figure.kind !== 'money') return;
  const re = figure.kind === 'achieved_over_plan' ? RATIO_PERCENT_AFTER_RE : PLAN_PERCENT_AFTER_RE;
  re.lastIndex = figure.end;
  const m = re.exec(scan.text);
  if (!m) {
    if (figure.kind !== 'achieved_over_plan') attachPercentOfPlanPastComparison(scan, figure);
    return;
  }
  const percent = parseVietnameseNumber(m[2]!);
  if (percent === null) return;
  figure.percentOfPlan = percent;
  figure.percentOfPlanText = m[2]! + m[3]!;
  scan.consumed = figure.end + m[1]!.length + figure.percentOfPlanText.length;
}

function attachPercentOfPlanPastComparison(scan: Scan, figure: Figure): void {
  PLAN_PERCENT_PAST_COMPARISON_RE.lastIndex = figure.end;
  const m = PLAN_PERCENT_PAST_COMPARISON_RE.exec(scan.text);
  const percent = m ? parseVietnameseNumber(m[1]!) : null;
  if (percent === null) return;
  figure.percentOfPlan = percent;
  figure.percentOfPlanText = m![1]! + m![2]!;
}

function scale(value: number, unit: UnitReading): number {
  return unit.multiplier === 1 ? value : Math.round(value * unit.multiplier);
}

function qualifierAt(scan: Scan, start: number): Qualifier | null {
  const { text } = scan;
  const q = execAt(QUALIFIER_BEFORE_RE, text, start);
  if (q) {
    if (q[2]) return q[2] === '<' || q[2] === '≤' ? 'dưới' : 'trên';
    const word = q[1]!.toLowerCase();
    return word === 'ước đạt' ? 'khoảng' : (word as Qualifier);
  }
  scan.cumulative ??= CUMULATIVE_WORD_RE.test(text);
  return scan.cumulative && matchesAt(CUMULATIVE_BEFORE_RE, text, start) ? 'lũy kế' : null;
}

/** Highest number a word of time can name: `tháng 13.928` is a count after a duration. */
const TIME_WORD_MAX: Readonly<Record<string, number>> = { tháng: 12, ngày: 31, quý: 4 };

/**
 * After a naming word only bare numbers name something (`đợt 5`, `tháng 4/2024`);
 * `13.928` is a count, and so is `tổng số 186 đại biểu`, where a unit follows `số`.
 */
function isNameNumber(word: string, a: string, b: string | undefined, unit: UnitReading): boolean {
  if (!BARE_DIGITS.test(a) || (b !== undefined && !BARE_DIGITS.test(b))) return false;
  const lower = word.toLowerCase();
  if (lower === 'số' && unit.unit) return false;
  const max = TIME_WORD_MAX[lower];
  // `tháng 4/2024` names a month; `11 tháng 712/800 người` is a figure after a duration.
  return max === undefined || Number(a) <= max;
}

/** `27/7`, `1/6` with no unit: a day and month. `4/2024`: a month and year. */
function isDayMonth(a: string, b: string, day: number, month: number): boolean {
  if (/[.,]/.test(a) || /[.,]/.test(b)) return false;
  if (b.length === 4 && month >= YEAR_MIN && month <= YEAR_MAX) return day >= 1 && day <= 12;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function isYear(written: string, value: number, unit: UnitReading): boolean {
  return /^\d{4}$/.test(written) && value >= YEAR_MIN && value <= YEAR_MAX && !unit.unit;
}

const LETTER_RE = /\p{L}/u;

/** One character (or none) that is an ASCII digit, as `\d` reads it. */
function isDigit(ch: string): boolean {
  return ch.length === 1 && ch >= '0' && ch <= '9';
}

/** Whether `text.slice(from, to)` holds a line break, without making the slice. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  const at = text.indexOf('\n', from);
  return at >= 0 && at < to;
}

function atLineStart(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

function execAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function matchesAt(re: RegExp, text: string, pos: number): boolean {
  re.lastIndex = pos;
  return re.test(text);
}
