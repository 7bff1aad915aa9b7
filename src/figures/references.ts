/**
 * Legal and administrative document numbers cited in a report
 * (`Nghị định số 55/2023/NĐ-CP`, `Kế hoạch số 227-KH/TU`), for questions
 * such as "theo nghị định nào?".
 */

export type ReferenceKind =
  'nghị định' | 'nghị quyết' | 'quyết định' | 'kế hoạch' | 'thông tư' | 'chỉ thị' | 'công văn' | 'tờ trình' | 'other';

export interface DocumentReference {
  /** Verbatim text, with the document type when written: `Nghị định số 55/2023/NĐ-CP`. */
  text: string;
  kind: ReferenceKind;
  /** The bare code: `55/2023/NĐ-CP`. */
  number: string;
  start: number;
  end: number;
}

const TYPE_WORDS = [
  'nghị định',
  'nghị quyết',
  'quyết định',
  'kế hoạch',
  'thông tư',
  'chỉ thị',
  'công văn',
  'tờ trình',
  'thông báo',
];
/** An upper-case code part: `NĐ`, `QĐ`, `TTr`, `SLĐTBXH`. */
const PART = String.raw`\p{Lu}[\p{L}]*`;
/** `55/2023/NĐ-CP`, `85/KH-UBND`, `227-KH/TU`, `2797/SLĐTBXH-VP`. */
const CODE = String.raw`\d{1,5}(?:\/\d{4})?[\/-]${PART}(?:[-\/]${PART})*`;
/** `Nghị định 55/2023` written without its issuer suffix. */
const BARE_CODE = String.raw`\d{1,5}\/\d{4}(?![\/\d])`;

/** Either case for the type words only: `\p{Lu}` in the codes must stay upper case, so no `i` flag. */
function anyCase(word: string): string {
  return [...word].map((c) => (c.toUpperCase() === c ? c : `[${c}${c.toUpperCase()}]`)).join('');
}

const REFERENCE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${TYPE_WORDS.map(anyCase).join('|')})(?:[ \t]+số)?[ \t]*(${CODE}|${BARE_CODE})|(${CODE}))(?![\p{L}\p{N}])`,
  'gu',
);

/** The code's type letters name the document type when the text does not (`NĐ` → nghị định). */
const KIND_BY_CODE: readonly (readonly [RegExp, ReferenceKind])[] = [
  [/(?:^|[/-])NĐ(?:[/-]|$)/u, 'nghị định'],
  [/(?:^|[/-])NQ(?:[/-]|$)/u, 'nghị quyết'],
  [/(?:^|[/-])QĐ(?:[/-]|$)/u, 'quyết định'],
  [/(?:^|[/-])KH(?:[/-]|$)/u, 'kế hoạch'],
  [/(?:^|[/-])TT(?:[/-]|$)/u, 'thông tư'],
  [/(?:^|[/-])CT(?:[/-]|$)/u, 'chỉ thị'],
  [/(?:^|[/-])TTr(?:[/-]|$)/u, 'tờ trình'],
  [/(?:^|[/-])CV(?:[/-]|$)/u, 'công văn'],
];

const KIND_BY_WORD: ReadonlyMap<string, ReferenceKind> = new Map([
  ['nghị định', 'nghị định'],
  ['nghị quyết', 'nghị quyết'],
  ['quyết định', 'quyết định'],
  ['kế hoạch', 'kế hoạch'],
  ['thông tư', 'thông tư'],
  ['chỉ thị', 'chỉ thị'],
  ['công văn', 'công văn'],
  ['tờ trình', 'tờ trình'],
  ['thông báo', 'other'],
]);

export function parseReferences(text: string): DocumentReference[] {
  const found: DocumentReference[] = [];
  for (const m of text.matchAll(REFERENCE_RE)) {
    const typeWord = m[1]?.toLowerCase();
    const number = (m[2] ?? m[3])!;
    const start = m.index;
    found.push({
      text: m[0],
      kind: (typeWord && KIND_BY_WORD.get(typeWord)) || kindFromCode(number),
      number,
      start,
      end: start + m[0].length,
    });
  }
  return found;
}

function kindFromCode(code: string): ReferenceKind {
  for (const [re, kind] of KIND_BY_CODE) if (re.test(code)) return kind;
  return 'other';
}
