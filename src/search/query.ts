import { matchIndicators } from '../figures/indicator.js';
import { ABBREVIATIONS } from '../figures/taxonomy.js';
import { parseFigures } from '../figures/parse.js';
import type { Figure } from '../figures/types.js';
import { parsePeriodQuery } from '../ingest/period.js';
import { expandProvince, parseProvinceQuery } from '../ingest/provinces.js';
import { canonical, fold, hasDiacritics } from '../text/normalize.js';
import { ENGLISH_MARKERS, translateEnglish } from './glossary.js';

export interface QueryPeriod {
  year: number | null;
  key: string | null;
  kind: string | null;
  label: string | null;
}

export interface IndicatorHit {
  id: string;
  score: number;
  matched: string;
}

/** What a question asks, as far as words can tell. */
export interface ParsedQuery {
  question: string;
  lang: 'vi' | 'en';
  /** Typed with Vietnamese diacritics: the accented index column can be trusted. */
  accented: boolean;
  /** Text searched: the question, with English welfare words put into Vietnamese. */
  searchText: string;
  /** Official names of the provinces the question names. */
  provinces: string[];
  /** The same, with a post-2025 merged province leading to the provinces merged into it. */
  expandedProvinces: string[];
  period: QueryPeriod | null;
  indicators: IndicatorHit[];
  /** Accent-free content syllables: stop words, province names and period words removed. */
  terms: string[];
  /** Accent-free pairs of adjacent content syllables, for phrase matching. */
  pairs: string[];
  /** Canonical (accented) content syllables, when the question has accents. */
  accentedTerms: string[];
  /** Numbers the question states (not years or periods): a claim to check. */
  claims: Figure[];
  intent: 'answer' | 'factcheck' | 'compare';
  /** For comparisons: which end the question asks for. */
  order: 'asc' | 'desc' | null;
  /** The question asks for a percent of plan as well as the figure. */
  wantsPlanPercent: boolean;
  /** Units the question asks about (`bao nhiêu người`, `tỷ lệ` → %, `tiền` → đồng). */
  units: string[];
}

/**
 * Question words, particles and generic report words: they carry no topic and
 * would otherwise match every passage. Accent-free forms.
 */
const VI_STOP_WORDS = new Set(
  (
    'la bao nhieu may gi nao the ra sao co khong phai dung ko k hay hoac va voi cua cho o tai trong tu den ' +
    'duoc da dang se con vao ve nhu cac nhung mot nay do kia thi ma de len xuong tinh thanh pho tp nam thang ' +
    'quy dau cuoi ki so sanh kiem tra giua hon nhat thap ket bang toan tong hien hoi xin ' +
    'vui long biet minh toi ban oi a nhe vay roi luc khi thoi gian tren duoi gan khoang muc'
  ).split(/\s+/),
);
/** English function words; `the` is not a Vietnamese stop word (`thẻ` folds to it). */
const EN_STOP_WORDS = new Set(
  (
    'how many much what which the in of did does is was were are who number rate province year compare between ' +
    'highest lowest true that and to for with from its has have it by on at get got this there a an'
  ).split(/\s+/),
);

const FACTCHECK_MARKERS = [
  /\bco dung\b/,
  /\bdung khong\b/,
  /\bdung ko\b/,
  /\bphai khong\b/,
  /\bphai ko\b/,
  /\bkiem tra\s*:/,
  /\bco that\b/,
  /\bis it true\b/,
  /\btrue that\b/,
  /\bfact.?check\b/,
];
const ASKS_FOR_NUMBER = /\b(bao nhieu|may|muc nao|how many|how much|what|which)\b/;
const COMPARE_MARKERS = [
  /\bso sanh\b/,
  /\bcao nhat\b/,
  /\bthap nhat\b/,
  /\bnhieu nhat\b/,
  /\bit nhat\b/,
  /\bcompare\b/,
  /\bhighest\b/,
  /\blowest\b/,
  /\bcac tinh\b/,
  /\btinh nao\b/,
  /\bwhich province\b/,
];
const ASC_MARKERS = /\b(thap nhat|thap hon|it nhat|it hon|lowest|lower|fewest)\b/;
const DESC_MARKERS = /\b(cao nhat|cao hon|nhieu nhat|nhieu hon|highest|higher|most)\b/;
const PLAN_PERCENT =
  /(bao nhieu|may)\s*(%|phan tram)\s*(ke hoach|kh|chi tieu)?|dat bao nhieu\s*%|(% |phan tram )?ke hoach\b.*\?|percent of (the )?plan/;

/** Words that name the asked unit anywhere in a question. Accent-free. */
const UNIT_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bti le\b|\bphan tram\b|%|\brate\b|\bpercent/, '%'],
  [
    /\bkinh phi\b|\bso tien\b|\bbao nhieu tien\b|\bty dong\b|\btrieu dong\b|\bhow much\b|\bmoney\b|\bbudget\b|\bfund/,
    'đồng',
  ],
  [/\b(xep|dung) thu\b|\bthu may\b|\bthu hang\b|\brank/, 'rank'],
];

/** The nouns a count can be of, accent-free (`bao nhiêu hộ`, `số thẻ`), and the unit each asks for. */
export const COUNTED_UNIT: Readonly<Record<string, string>> = {
  'ho so': 'hồ sơ',
  'hoc vien': 'học viên',
  'tre em': 'trẻ em',
  'lao dong': 'người',
  'phan qua': 'quà',
  'suat qua': 'quà',
  'luot nguoi': 'lượt',
  'can nha': 'căn',
  'doanh nghiep': 'doanh nghiệp',
  'giay phep': 'giấy phép',
  'hoi nghi': 'hội nghị',
  'co so': 'cơ sở',
  'mo hinh': 'mô hình',
  'du an': 'dự án',
  phien: 'phiên',
  lop: 'lớp',
  xa: 'xã',
  huyen: 'huyện',
  truong: 'trường',
  cuoc: 'cuộc',
  dot: 'đợt',
  buoi: 'buổi',
  tan: 'tấn',
  kg: 'kg',
  nguoi: 'người',
  ho: 'hộ',
  can: 'căn',
  nha: 'căn',
  qua: 'quà',
  vu: 'vụ',
  the: 'thẻ',
  luot: 'lượt',
  tien: 'đồng',
  people: 'người',
  workers: 'người',
  households: 'hộ',
  cards: 'thẻ',
  houses: 'căn',
  tonnes: 'tấn',
  gifts: 'quà',
  accidents: 'vụ',
};
/** The same nouns as a regex alternation, longest first; `hồ sơ` is not `họ so với`. */
export const COUNTED_NOUNS = Object.keys(COUNTED_UNIT)
  .sort((a, b) => b.length - a.length)
  .map((noun) => (noun === 'ho so' ? 'ho so(?! voi)' : noun))
  .join('|');
const COUNTED = new RegExp(`\\b(?:bao nhieu|may|so|how many)\\s+(${COUNTED_NOUNS})\\b`, 'g');

export function askedUnits(folded: string): string[] {
  const units = UNIT_WORDS.filter(([re]) => re.test(folded)).map(([, unit]) => unit);
  for (const m of folded.matchAll(COUNTED)) units.push(COUNTED_UNIT[m[1]!]!);
  return [...new Set(units)];
}

export function isEnglish(question: string): boolean {
  if (hasDiacritics(question)) return false;
  const words = question.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  const marked = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  return marked >= 2 && marked / words.length >= 0.25;
}

export function parseQuery(question: string): ParsedQuery {
  const trimmed = question.normalize('NFC').trim();
  const lang = isEnglish(trimmed) ? 'en' : 'vi';
  // English writes 1,200 and 3.02%; the reports write 1.200 and 3,02%.
  const text = lang === 'en' ? toVietnameseNumbers(trimmed) : trimmed;
  const searchText = lang === 'en' ? translateEnglish(text) : text;
  const folded = fold(searchText);
  const provinceHits = parseProvinceQuery(trimmed);
  const provinces = provinceHits.provinces;
  const expanded = [...new Set(provinces.flatMap((p) => expandProvince(p)))];
  const periodRaw = parsePeriodQuery(trimmed);
  const period = periodRaw.key || periodRaw.year ? periodRaw : null;
  const indicators = matchIndicators(searchText);

  const blocked = new Set<string>();
  for (const name of expanded) for (const w of fold(name).split(/[^a-z0-9]+/)) if (w) blocked.add(w);
  const words = contentWords(searchText, lang, blocked);
  const accented = hasDiacritics(trimmed);
  const stop = lang === 'en' ? new Set([...EN_STOP_WORDS, ...VI_STOP_WORDS]) : VI_STOP_WORDS;
  const accentedTerms = accented
    ? canonical(trimmed)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w && isContent(fold(w), blocked, stop))
    : [];

  const claims = parseFigures(text).filter((f) => !isPeriodNumber(f, periodRaw.year));
  const intent = detectIntent(folded, claims, provinces);
  return {
    question: trimmed,
    lang,
    accented,
    searchText,
    provinces,
    expandedProvinces: expanded,
    period,
    indicators,
    terms: words.terms,
    pairs: words.pairs,
    accentedTerms: [...new Set(accentedTerms)],
    claims,
    intent,
    order: ASC_MARKERS.test(folded) ? 'asc' : DESC_MARKERS.test(folded) ? 'desc' : null,
    wantsPlanPercent: PLAN_PERCENT.test(folded) || /\bke hoach\b|\bkh\b|\bplan\b/.test(folded),
    units: askedUnits(folded),
  };
}

/** Folded abbreviations and the folded words they stand for. */
const ABBREVIATION_WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(ABBREVIATIONS).map(([abbreviation, words]) => [
    fold(abbreviation),
    fold(words)
      .split(/[^a-z0-9]+/)
      .filter((w) => !VI_STOP_WORDS.has(w)),
  ]),
);

/**
 * The content syllables of a text (stop words, province names and period
 * numbers left out) and their adjacent pairs, accent-free. `blocked` holds the
 * folded words of the provinces named.
 */
export function contentWords(
  searchText: string,
  lang: 'vi' | 'en',
  blocked: ReadonlySet<string>,
): { terms: string[]; pairs: string[] } {
  // Whole numbers (`96.000`) are claims, not words; small bare ones (`dưới 6 tuổi`) stay.
  const syllables = fold(searchText)
    .replace(/\d+(?:[.,]\d+)+%?/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const stop = lang === 'en' ? new Set([...EN_STOP_WORDS, ...VI_STOP_WORDS]) : VI_STOP_WORDS;
  const kept = keptPairWords(fold(searchText));
  const content = syllables.map((w, i) =>
    (isContent(w, blocked, stop) || kept.has(w)) && !nextToPeriodWord(syllables, i) ? w : null,
  );
  // `XKLĐ` stands for `xuất khẩu lao động`: reports write either, so both count.
  const expanded = content.flatMap((w) => (w && ABBREVIATION_WORDS.has(w) ? [w, ...ABBREVIATION_WORDS.get(w)!] : [w]));
  const terms = [...new Set(expanded.filter((w): w is string => w !== null))];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < expanded.length; i++) {
    if (expanded[i] && expanded[i + 1]) pairs.push(`${expanded[i]} ${expanded[i + 1]}`);
  }
  return { terms, pairs: [...new Set(pairs)] };
}

/**
 * Two-syllable words made of stop syllables (`nhất`, `bán`, `hội`, `mục`
 * alone say nothing): together they name a topic and are kept.
 */
const KEPT_PAIRS = new Set([
  'nhat ban',
  'mua ban',
  'thanh nien',
  'thanh tra',
  'thanh lap',
  'hoi nghi',
  'hoi thao',
  'hoi vien',
  'muc tieu',
  'muc huong',
  'ket noi',
  'tinh nguyen',
  'tu van',
  'tu nguyen',
  'den on',
]);

const KEPT_PAIR_RE = new RegExp(`\\b(${[...KEPT_PAIRS].join('|').replace(/ /g, '\\s+')})\\b`, 'g');

/** The syllables of kept pairs written together (a comma between them parts them: `cao nhất, bạn ơi`). */
function keptPairWords(folded: string): Set<string> {
  return new Set([...folded.matchAll(KEPT_PAIR_RE)].flatMap((m) => m[1]!.split(/\s+/)));
}

/** `1,200` → `1.200`, `3.02` → `3,02`: English number format to the reports' format. */
export function toVietnameseNumbers(text: string): string {
  return text.replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+/g, (n) =>
    n.replace(/[.,]/g, (c) => (c === ',' ? '.' : ',')),
  );
}

/** `4` in `tháng 4/2024`, `9` in `9 tháng` belong to the period, not to the topic. */
function nextToPeriodWord(syllables: string[], i: number): boolean {
  // `9t` in `9T/2025`, `t5` in `T5/2021`: officials' short periods.
  if (/^(\d{1,2}t|t\d{1,2})$/.test(syllables[i]!)) return true;
  if (!/^\d+$/.test(syllables[i]!)) return false;
  const around = [syllables[i - 1], syllables[i + 1]];
  return around.some((w) => w === 'thang' || w === 'quy' || w === 'nam' || w === 'month' || w === 'months');
}

function isContent(word: string, blocked: ReadonlySet<string>, stop: ReadonlySet<string>): boolean {
  if (stop.has(word) || blocked.has(word)) return false;
  // Small numbers name things (`dưới 6 tuổi`); long ones are years or claimed figures.
  if (/^\d+$/.test(word)) return word.length <= 2;
  return word.length > 0;
}

/** `2023`, or `9` in `9 tháng`, or `4` in `tháng 4/2024` are the period, not a claim. */
function isPeriodNumber(figure: Figure, year: number | null): boolean {
  if (figure.kind === 'count' && figure.unit === null && year !== null && figure.value === year) return true;
  if (figure.kind === 'count' && figure.unit === null && figure.value >= 1900 && figure.value <= 2100) return true;
  // `trẻ em dưới 6 tuổi` describes whom, it claims nothing.
  return figure.unitText !== null && /^(tháng|năm|quý|tuổi)$/i.test(figure.unitText);
}

function detectIntent(folded: string, claims: Figure[], provinces: string[]): ParsedQuery['intent'] {
  const asksCompare = COMPARE_MARKERS.some((re) => re.test(folded));
  if (asksCompare && (provinces.length !== 1 || /\bso sanh\b|\bcac tinh\b|\bcompare\b/.test(folded))) return 'compare';
  // Two provinces in one question ask for them side by side, unless a number is claimed.
  if (provinces.length >= 2 && claims.length === 0) return 'compare';
  if (provinces.length >= 2 && /\bhay\b|\bvoi\b|\bor\b|\bvs\b/.test(folded)) return 'compare';
  if (claims.length > 0) {
    if (FACTCHECK_MARKERS.some((re) => re.test(folded))) return 'factcheck';
    if (!ASKS_FOR_NUMBER.test(folded)) return 'factcheck';
  }
  return 'answer';
}
