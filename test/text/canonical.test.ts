import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonical, createCanonical } from '../../src/text/normalize.js';

/**
 * Vietnamese letters composed and decomposed, both tone placements, format characters, a letter
 * whose case depends on its neighbours (`Σ`), letters outside the first plane, symbols with a lower
 * case, a symbol that composes with a mark.
 */
const PIECES = [
  ...'aáàảãạăắằẳẵặâấầẩẫậeéèêếềệiíìỉĩịoóòôốồơớờợuúùủưứừửyýỳỷỹỵđĐ',
  'hoà',
  'hòa',
  'Uỷ',
  'sỹ',
  'kỹ',
  'a\u0301',
  'o\u031b\u0300',
  '\u0323',
  '\u00ad',
  '\u200b',
  'Σ',
  'ΑΣ',
  'İ',
  'Ⅳ',
  'Ⓐ',
  '=\u0338',
  '𝐀',
  '😀',
  ' ',
  '.',
  '-',
  '3',
];

describe('canonical forms remembered word by word', () => {
  test('give what canonical() gives, also once the memory is full and starts afresh', () => {
    const remembered = createCanonical(3);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(remembered(text)).toBe(canonical(text));
      }),
      { numRuns: 1000 },
    );
  });
});
