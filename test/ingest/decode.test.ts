import { describe, expect, test } from 'vitest';
import { readUtf8 } from '../../src/ingest/decode.js';
import { safeReportName } from '../../src/ingest/reportName.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('readUtf8 judges each invalid sequence', () => {
  test.each([
    ['valid text', bytes('Hà Nam'), 'Hà Nam', 0, 0, false],
    ['a lone 0xA0 reads as a no-break space', bytes('Hà', [0xa0], 'Nam'), 'Hà\u00a0Nam', 1, 1, false],
    ['a cut-off last character is one replacement', bytes('Hà Nam', [0xe1, 0xbb]), 'Hà Nam\ufffd', 2, 1, false],
    ['an overlong form is two replacements', bytes('Hà', [0xc0, 0xaf]), 'Hà\ufffd\ufffd', 2, 2, true],
    ['a surrogate half is refused', bytes('ẽ', [0xed, 0xb0, 0x80]), 'ẽ\ufffd\ufffd\ufffd', 3, 3, true],
    ['Windows-1258 bytes are mostly invalid', bytes('Ha', [0xf2, 0xec, 0xd2]), 'Ha\ufffd\ufffd\ufffd', 3, 3, true],
    ['a byte order mark is dropped', bytes([0xef, 0xbb, 0xbf], 'Nam'), 'Nam', 0, 0, false],
  ])('%s', (_case, input, text, invalidBytes, invalidSequences, mostlyInvalid) => {
    const read = readUtf8(input);
    expect(read).toMatchObject({ text, invalidBytes, invalidSequences, mostlyInvalid });
  });

  test('agrees with the standard decoder wherever no lone 0xA0 is involved', () => {
    const input = bytes('Tỷ lệ ', [0xe1], ' hộ ', [0xf0, 0x9f], 'nghèo ', [0xff, 0xfe], '2,11%');
    expect(readUtf8(input).text).toBe(new TextDecoder().decode(input));
  });
});

describe('safeReportName gives a visible name or a reason', () => {
  const EXTENSIONS = ['.txt', '.md', '.html', '.htm'];
  test.each([
    ['bao-cao.txt', 'bao-cao.txt'],
    ['.hidden.txt', 'hidden.txt'],
    ['..\\..\\x.txt', 'x.txt'],
    ['../../etc/x.md', 'x.md'],
    ['Báo cáo\u200b Hà\u2060 Nam.HTML', 'Báo cáo Hà Nam.html'],
    ['a<b>:c?.txt', 'a_b_c_.txt'],
    ['  ..  spaced .txt', 'spaced.txt'],
  ])('%j → %j', (sent, saved) => {
    expect(safeReportName(sent, EXTENSIONS)).toEqual({ ok: true, name: saved });
  });

  test.each([['..txt'], ['.txt'], ['___.md'], ['report.pdf'], ['report'], ['\u200b.txt']])('%j is refused', (sent) => {
    expect(safeReportName(sent, EXTENSIONS).ok).toBe(false);
  });
});
