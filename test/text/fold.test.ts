import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldForMatch } from '../../src/figures/indicator.js';
import { foldWithOffsets } from '../../src/ingest/provinces.js';
import { fold } from '../../src/text/normalize.js';

/** Spellings of one word that every path must fold alike: tone placement, `i`/`y`, composed or not. */
const SAME_WORD: readonly (readonly [string, string])[] = [
  ['tỉ lệ', 'tỷ lệ'],
  ['sỹ quan', 'sĩ quan'],
  ['kỹ năng', 'kĩ năng'],
  ['lý do', 'lí do'],
  ['hoà nhập', 'hòa nhập'],
  ['thuỷ sản', 'thủy sản'],
  ['Uỷ ban', 'Ủy ban'],
  ['cùng kỳ', 'cùng kì'],
];

/** Letters reports are written in, with the punctuation and digits around figures. */
const VIETNAMESE = 'aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ';
const CHARS = `${VIETNAMESE}${VIETNAMESE.toUpperCase()}bcdghklmnpqrstvx  .,;%0123456789`;

/** `fold()` as defined: the whole text decomposed, marks removed, `đ` to `d`, lower case, `i`/`y` respelled. */
function foldWhole(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase()
    .replace(/\b(ch|gh|kh|ng|nh|ph|th|tr|[bcdghklmnprstvx])y\b/g, '$1i');
}

/** What may not fold letter by letter: loose and foreign marks, surrogates, `Σ` (final `ς`), a leading BOM. */
const AWKWARD = [
  '\u0301',
  '\u0323',
  '\u0345',
  '\u05b0',
  'Σ',
  'ΑΣ',
  '𝐀',
  '😀',
  '\ud800',
  '\ufeff',
  'İ',
  'ǅ',
  'ẞ',
  'Ⅳ',
  '가',
];

describe('one accent folding for search, indicators and provinces', () => {
  test('fold() letter by letter gives what folding the whole text gives', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS, ...AWKWARD), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(fold(text)).toBe(foldWhole(text));
      }),
      { numRuns: 2000 },
    );
  });

  test.each(SAME_WORD)('%s and %s fold the same on every path', (a, b) => {
    expect(fold(a)).toBe(fold(b));
    expect(foldWithOffsets(a).folded).toBe(fold(b));
    expect(foldForMatch(a)).toBe(foldForMatch(b));
  });

  test('the province and indicator folders give what fold() gives, letter for letter', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const folded = fold(text);
        expect(foldWithOffsets(text).folded).toBe(folded);
        // The indicator folder also turns punctuation into spaces, keeping the length.
        expect(foldForMatch(text)).toBe(folded.replace(/[^a-z0-9]/g, ' '));
      }),
      { numRuns: 500 },
    );
  });
});
