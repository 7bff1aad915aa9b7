import { getIndicator } from '../figures/taxonomy.js';

/** Unit classes the question's unit cues name. */
const UNIT_CLASS: Record<string, string[]> = {
  '%': ['%'],
  đồng: ['đồng'],
  người: [
    'người',
    'lượt người',
    'lao động',
    'người lao động',
    'đối tượng',
    'học viên',
    'trẻ em',
    'nhân khẩu',
    'khẩu',
    'lượt',
    'trường hợp',
  ],
  hộ: ['hộ'],
  kg: ['kg'],
  tấn: ['tấn'],
  căn: ['căn', 'nhà', 'nhà ở', 'căn nhà'],
  quà: ['suất quà', 'phần quà', 'quà'],
  vụ: ['vụ'],
  'học viên': ['học viên'],
  thẻ: ['thẻ'],
  'hồ sơ': ['hồ sơ'],
  lượt: ['lượt', 'lượt người'],
};

export function unitMatches(figure: { unit: string | null; kind: string }, cue: string): boolean {
  if (cue === 'rank') return figure.kind === 'rank';
  if (cue === '%') return figure.unit === '%' || figure.kind === 'percent';
  if (cue === 'đồng') return figure.kind === 'money' || figure.unit === 'đồng';
  return (UNIT_CLASS[cue] ?? [cue]).includes(figure.unit ?? '');
}

/**
 * The class of number a unit belongs to: a percent, money, households, a weight, a rank,
 * or a count of anything else (people, cards, files, sessions). A question's
 * count noun is not always the report's (`số thẻ BHYT` answered in `người`), so
 * the hard filter keeps classes apart and the exact unit is a ranking feature.
 */
export type UnitClass = 'percent' | 'money' | 'households' | 'weight' | 'rank' | 'count';

export function unitClassOf(figure: { unit: string | null; kind: string }): UnitClass {
  if (figure.kind === 'rank') return 'rank';
  if (figure.unit === '%' || figure.kind === 'percent') return 'percent';
  if (figure.kind === 'money' || figure.unit === 'đồng') return 'money';
  if (figure.unit === 'hộ') return 'households';
  if (figure.unit === 'tấn' || figure.unit === 'kg') return 'weight';
  return 'count';
}

export function cueClass(cue: string): UnitClass {
  if (cue === '%') return 'percent';
  if (cue === 'đồng') return 'money';
  if (cue === 'rank') return 'rank';
  if (cue === 'hộ') return 'households';
  if (cue === 'tấn' || cue === 'kg') return 'weight';
  return 'count';
}

/**
 * What a count counts, where a question's noun and the report's can never
 * stand for each other: people, organisations, events. Other counts (cards,
 * files, houses, a bare `lượt`) may: `số thẻ BHYT` is answered in `người`.
 */
export type CountedKind = 'people' | 'organisations' | 'events';

const COUNTED_KINDS: ReadonlyArray<readonly [CountedKind, readonly string[]]> = [
  [
    'people',
    [
      'người',
      'lượt người',
      'lao động',
      'người lao động',
      'người cao tuổi',
      'đối tượng',
      'học viên',
      'học sinh',
      'sinh viên',
      'trẻ em',
      'nhân khẩu',
      'khẩu',
      'thân nhân',
      'nạn nhân',
      'công dân',
      'cán bộ',
      'công chức',
      'viên chức',
      'cộng tác viên',
      'đại biểu',
      'đoàn viên',
    ],
  ],
  ['organisations', ['doanh nghiệp', 'cơ sở', 'đơn vị', 'trường', 'tập thể']],
  ['events', ['phiên', 'hội nghị', 'hội thảo', 'lớp', 'cuộc', 'đợt', 'buổi']],
];
const KIND_OF_UNIT = new Map(COUNTED_KINDS.flatMap(([kind, units]) => units.map((u) => [u, kind] as const)));

export function countedKind(unit: string): CountedKind | null {
  return KIND_OF_UNIT.get(unit) ?? null;
}

/** True when `a` is `b` or a narrower indicator of it (`bhxh_bat_buoc` of `bhxh`, `bhyt_tre_em` of `tre_em`). */
export function narrowerIndicator(a: string, b: string): boolean {
  if (a === b || a.startsWith(`${b}_`) || a.endsWith(`_${b}`)) return true;
  for (let parent = getIndicator(a)?.parent; parent; parent = getIndicator(parent)?.parent)
    if (parent === b) return true;
  return false;
}

/** One of the two indicators is the other or narrower than it: `tre_em` and `bhyt_tre_em` are related. */
export function relatedIndicator(a: string, b: string): boolean {
  return narrowerIndicator(a, b) || narrowerIndicator(b, a);
}

/**
 * How well a figure's indicator fits the asked ones, weighted by how strongly
 * the question names each: the same indicator scores most, a narrower one a
 * little less, a broader one less again; one that combines two asked
 * indicators (`bhyt_tre_em` for `BHYT` + `trẻ em`) gains on both.
 */
export function indicatorAffinity(indicator: string | null, asked: readonly { id: string; score: number }[]): number {
  if (!indicator || asked.length === 0) return 0;
  const top = asked[0]!.score || 1;
  let score = 0;
  for (const hit of asked) {
    const weight = Math.min(1, hit.score / top);
    if (indicator === hit.id) score += 1.2 * weight;
    else if (narrowerIndicator(indicator, hit.id)) score += 0.9 * weight;
    else if (narrowerIndicator(hit.id, indicator)) score += 0.6 * weight;
  }
  return Math.min(score, 1.4);
}
