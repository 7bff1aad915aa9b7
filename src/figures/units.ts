/**
 * Unit words that follow a number in the reports, and what they mean.
 *
 * One sticky regex reads the unit at the end of a number; a table maps what is
 * written to the canonical unit a figure carries, so `người lao động` and `NCC`
 * both count people and `triệu đồng` becomes money in đồng.
 */

/** Canonical unit → the ways reports write it. Longer spellings are tried first. */
const UNIT_TABLE: readonly (readonly [canonical: string, written: readonly string[]])[] = [
  ['người', ['người lao động', 'người có công', 'người chết', 'người', 'NCC']],
  ['người cao tuổi', ['người cao tuổi']],
  ['lượt người', ['lượt người']],
  ['lượt', ['lượt đối tượng', 'lượt']],
  ['hộ', ['hộ gia đình', 'hộ']],
  ['khẩu', ['khẩu']],
  ['nhân khẩu', ['nhân khẩu']],
  ['hồ sơ', ['hồ sơ']],
  ['thẻ', ['thẻ']],
  ['căn', ['căn nhà', 'căn']],
  ['nhà', ['nhà ở', 'ngôi nhà', 'nhà']],
  ['vụ', ['vụ']],
  ['vụ việc', ['vụ việc']],
  ['học viên', ['học viên']],
  ['suất quà', ['suất quà']],
  ['phần quà', ['phần quà']],
  ['suất', ['suất']],
  ['kg', ['kg']],
  ['tấn', ['tấn']],
  ['điểm', ['điểm']],
  ['phiên', ['phiên']],
  ['lớp', ['lớp']],
  ['doanh nghiệp', ['lượt doanh nghiệp', 'doanh nghiệp']],
  ['hội nghị', ['hội nghị']],
  ['hội thảo', ['hội thảo']],
  ['buổi', ['buổi']],
  ['lao động', ['lao động']],
  ['đối tượng', ['đối tượng']],
  ['trường hợp', ['trường hợp']],
  ['nội dung', ['nội dung']],
  ['cuộc', ['cuộc']],
  ['đoàn', ['đoàn']],
  ['đoàn viên', ['đoàn viên']],
  ['dự án', ['dự án']],
  ['mô hình', ['mô hình']],
  ['tập thể', ['tập thể']],
  ['cá nhân', ['cá nhân']],
  ['đơn', ['đơn thư', 'đơn']],
  ['đơn vị', ['đơn vị']],
  ['trẻ em', ['trẻ em', 'trẻ']],
  ['đại biểu', ['đại biểu']],
  ['hài cốt', ['hài cốt']],
  ['bậc', ['bậc']],
  ['tờ', ['tờ gấp', 'tờ rơi', 'tờ']],
  ['băng ron', ['băng ron', 'băng rôn']],
  ['kỳ', ['kỳ', 'kì']],
  ['xã', ['xã']],
  ['huyện', ['huyện']],
  ['cơ sở', ['cơ sở']],
  ['trường', ['trường']],
  ['viên chức', ['viên chức']],
  ['công chức', ['công chức']],
  ['cán bộ', ['cán bộ']],
  ['cộng tác viên', ['cộng tác viên']],
  ['công dân', ['công dân']],
  ['nạn nhân', ['nạn nhân']],
  ['mẹ Việt Nam anh hùng', ['mẹ Việt Nam anh hùng']],
  ['tổ chức', ['tổ chức']],
  ['sở', ['sở/ban ngành', 'sở, ban, ngành', 'sở ban ngành', 'sở ngành', 'sở']],
  ['biên bản', ['biên bản']],
  ['phóng sự', ['phóng sự']],
  ['chuyên trang', ['chuyên trang']],
  ['phụ trương', ['phụ trương']],
  ['giấy chứng nhận', ['giấy chứng nhận']],
  ['giấy phép', ['giấy phép']],
  ['nghị quyết', ['nghị quyết']],
  ['kế hoạch', ['kế hoạch']],
  ['văn bản', ['văn bản']],
  ['đợt', ['đợt']],
  ['lần', ['lần']],
  ['chỉ tiêu', ['chỉ tiêu']],
  ['tuổi', ['tuổi']],
  ['học sinh', ['học sinh']],
  ['sinh viên', ['sinh viên']],
  ['thân nhân', ['thân nhân']],
  ['liệt sĩ', ['liệt sĩ', 'liệt sỹ']],
  ['nữ', ['nữ']],
  ['km', ['km']],
  ['ha', ['ha']],
  ['m2', ['m2', 'm²']],
];

/** Money words; `đồng/tháng` keeps its period because a monthly sum is not a total. */
const MONEY_TABLE: readonly (readonly [canonical: string, written: readonly string[]])[] = [
  ['đồng/tháng', ['đồng/tháng', 'đ/tháng']],
  ['đồng/năm', ['đồng/năm', 'đ/năm']],
  ['đồng/người', ['đồng/người', 'đ/người']],
  ['đồng', ['đồng', 'VNĐ', 'VND', 'đ']],
  ['USD', ['USD']],
];

/** Units of time: a number followed by one is a duration or an anniversary, never a result. */
const DURATION_WORDS = ['năm', 'tháng', 'ngày', 'tuần', 'giờ', 'phút', 'quý'] as const;

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['nghìn', 1e3],
  ['ngàn', 1e3],
  ['triệu', 1e6],
  ['tỷ', 1e9],
  ['tỉ', 1e9],
]);

const CANONICAL = new Map<string, { canonical: string; money: boolean }>();
for (const [canonical, written] of UNIT_TABLE)
  for (const w of written) CANONICAL.set(key(w), { canonical, money: false });
for (const [canonical, written] of MONEY_TABLE)
  for (const w of written) CANONICAL.set(key(w), { canonical, money: true });

/** Every canonical unit a figure can carry. */
export const CANONICAL_UNITS: ReadonlySet<string> = new Set(['%', ...[...CANONICAL.values()].map((u) => u.canonical)]);

/** Canonical entries by unit as written: reports spell each unit a few ways, so the key is built once per spelling. */
const BY_WRITTEN = new Map<string, { canonical: string; money: boolean }>();

function canonicalOf(written: string): { canonical: string; money: boolean } {
  let entry = BY_WRITTEN.get(written);
  if (entry === undefined) {
    entry = CANONICAL.get(key(written))!;
    // Odd spacing could make spellings many; the cache stays small.
    if (BY_WRITTEN.size >= 1000) BY_WRITTEN.clear();
    BY_WRITTEN.set(written, entry);
  }
  return entry;
}

function key(written: string): string {
  return written.toLowerCase().replace(/\s+/g, ' ');
}

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

const GAP = '[ \\t\\u00a0]{0,2}';
const WORD_END = '(?![\\p{L}\\p{N}])';
const PERCENT_RE = /[ \t\u00a0]?%/y;
const MULTIPLIER_RE = new RegExp(`${GAP}(${alternation(MULTIPLIERS.keys())})${WORD_END}`, 'iuy');
const UNIT_RE = new RegExp(
  `${GAP}(${alternation([...UNIT_TABLE, ...MONEY_TABLE].flatMap(([, w]) => w))})${WORD_END}`,
  'iuy',
);
const DURATION_RE = new RegExp(`${GAP}(?:${alternation(DURATION_WORDS)})${WORD_END}`, 'iuy');

export interface UnitReading {
  /** Offset just after the unit (or the number when nothing follows). */
  end: number;
  /** Canonical unit, `%`, or null. */
  unit: string | null;
  /** Unit as written, with its multiplier: `triệu đồng`, `nghìn người`, `%`. */
  unitText: string | null;
  /** Factor the written number is multiplied by (`triệu` → 1e6). */
  multiplier: number;
  money: boolean;
  percent: boolean;
  /** A unit of time follows: the number is a duration, not a figure. */
  duration: boolean;
}

/** Reads the unit written at `pos` (just after a number) in `text`. */
export function readUnit(text: string, pos: number): UnitReading {
  PERCENT_RE.lastIndex = pos;
  const percent = PERCENT_RE.exec(text);
  if (percent) {
    return {
      end: pos + percent[0].length,
      unit: '%',
      unitText: '%',
      multiplier: 1,
      money: false,
      percent: true,
      duration: false,
    };
  }
  let at = pos;
  let multiplier = 1;
  let multiplierText: string | null = null;
  MULTIPLIER_RE.lastIndex = at;
  const mult = MULTIPLIER_RE.exec(text);
  if (mult) {
    multiplierText = mult[1]!;
    multiplier = MULTIPLIERS.get(multiplierText.toLowerCase()) ?? 1;
    at += mult[0].length;
  }
  UNIT_RE.lastIndex = at;
  const unit = UNIT_RE.exec(text);
  if (unit) {
    const written = unit[1]!;
    const entry = canonicalOf(written);
    return {
      end: at + unit[0].length,
      unit: entry.canonical,
      unitText: multiplierText ? `${multiplierText} ${written}` : written,
      multiplier,
      money: entry.money,
      percent: false,
      duration: false,
    };
  }
  if (!mult) {
    DURATION_RE.lastIndex = pos;
    if (DURATION_RE.test(text)) {
      return { end: pos, unit: null, unitText: null, multiplier: 1, money: false, percent: false, duration: true };
    }
  }
  return { end: at, unit: null, unitText: multiplierText, multiplier, money: false, percent: false, duration: false };
}

/** Base unit for comparing units: `đồng/tháng` counts as `đồng`. */
export function baseUnit(unit: string | null): string | null {
  if (!unit) return null;
  const slash = unit.indexOf('/');
  return slash > 0 ? unit.slice(0, slash) : unit;
}
