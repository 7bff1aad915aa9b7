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

describe('one accent folding for search, indicators and provinces', () => {
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
