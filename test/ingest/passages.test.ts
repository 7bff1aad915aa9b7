import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cleanReport } from '../../src/ingest/clean.js';
import { MAX_PASSAGE_WORDS, MIN_PASSAGE_WORDS, splitPassages, type Passage } from '../../src/ingest/passages.js';
import { splitSentences } from '../../src/text/sentences.js';

const REPORTS_DIR = join(import.meta.dirname, '../../data/reports');
const REPORT_FILES = readdirSync(REPORTS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const REPORTS = REPORT_FILES.map((file) => {
  const cleaned = cleanReport(readFileSync(join(REPORTS_DIR, file), 'utf8'), 'txt');
  return { file, text: cleaned.text, passages: splitPassages(cleaned.text) };
});

function reportOf(prefix: string): { text: string; passages: Passage[] } {
  const found = REPORTS.find((r) => r.file.startsWith(prefix));
  if (!found) throw new Error(`no report ${prefix}`);
  return found;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  test.each([
    [
      'Tuyển sinh cho 40.512 người. Tỷ lệ thất nghiệp 2,4%.',
      ['Tuyển sinh cho 40.512 người.', 'Tỷ lệ thất nghiệp 2,4%.'],
    ],
    ['Đoàn thăm TP. Hồ Chí Minh. Sau đó trở về.', ['Đoàn thăm TP. Hồ Chí Minh.', 'Sau đó trở về.']],
    ['Tại Tp. Hà Nội có 3 lớp.', ['Tại Tp. Hà Nội có 3 lớp.']],
    ['ThS. Nguyễn Văn A, PGS. TS. Trần Văn B phát biểu.', ['ThS. Nguyễn Văn A, PGS. TS. Trần Văn B phát biểu.']],
    [
      'Thực hiện Quyết định số 02/QĐ-UBND. Sở có 05 nội dung.',
      ['Thực hiện Quyết định số 02/QĐ-UBND.', 'Sở có 05 nội dung.'],
    ],
    [
      'đang thực hiện 01 nội dung[2]. Ngoài ra, đăng ký bổ sung.',
      ['đang thực hiện 01 nội dung[2].', 'Ngoài ra, đăng ký bổ sung.'],
    ],
    ['hoàn thành năm 2024.[3] Tiếp tục triển khai.', ['hoàn thành năm 2024.[3]', 'Tiếp tục triển khai.']],
    ['gồm lao động, việc làm, v.v. Các nội dung khác.', ['gồm lao động, việc làm, v.v. Các nội dung khác.']],
    [
      'tiếp nhận 941 người…., với kinh phí 4.257 triệu đồng.',
      ['tiếp nhận 941 người…., với kinh phí 4.257 triệu đồng.'],
    ],
    ['(cấp huyện: 11 đoàn)… với kinh phí 250 triệu đồng.', ['(cấp huyện: 11 đoàn)… với kinh phí 250 triệu đồng.']],
    ['Đã hoàn thành... Tiếp tục thực hiện.', ['Đã hoàn thành...', 'Tiếp tục thực hiện.']],
    ['ổn định xã hội./. Minh Hằng', ['ổn định xã hội./.', 'Minh Hằng']],
    ['người có công.../. Hồng Phượng', ['người có công.../.', 'Hồng Phượng']],
    ['4.1. Công tác giảm nghèo', ['4.1. Công tác giảm nghèo']],
    ['2. Công tác lao động\nTham mưu UBND tỉnh.', ['2. Công tác lao động', 'Tham mưu UBND tỉnh.']],
    ['Tăng 5%. 100% xã đạt chuẩn.', ['Tăng 5%.', '100% xã đạt chuẩn.']],
    [
      '09 huyện/thị xã/thành phố.Tổ chức treo 105 băng ron.',
      ['09 huyện/thị xã/thành phố.', 'Tổ chức treo 105 băng ron.'],
    ],
    ['(đạt 12,67% so với kế hoạch). Thực hiện tốt.', ['(đạt 12,67% so với kế hoạch).', 'Thực hiện tốt.']],
    ['“Phòng, chống mại dâm”. Tập huấn cán bộ.', ['“Phòng, chống mại dâm”.', 'Tập huấn cán bộ.']],
    ['phòng, chống mại dâm.” Tập huấn cán bộ.', ['phòng, chống mại dâm.”', 'Tập huấn cán bộ.']],
    ['Có đạt không? Có đạt.', ['Có đạt không?', 'Có đạt.']],
    ['  Dòng có khoảng trắng.  ', ['Dòng có khoảng trắng.']],
  ])('%j', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  test.each(REPORTS.map((r) => [r.file, r.text] as const))(
    'no sentence of %s ends inside a number, code or mark',
    (_file, text) => {
      const ends = new Set(splitSentences(text).map((s) => s.end));
      for (const m of text.matchAll(/\d+(?:[.,]\d+)+%?|\b(?:TP|Tp)\. \p{Lu}|\d+\/[\p{Lu}Đ-]+|\[\d+\]/gu)) {
        for (let i = m.index + 1; i < m.index + m[0].length; i++) expect(ends.has(i)).toBe(false);
      }
    },
  );
});

/** Page furniture that must never reach a passage. */
const FURNITURE: [string, RegExp][] = [
  ['stamp', /\d\d-\d\d-\d{4} \d\d:\d\d/],
  ['page timestamp', /\d\d:\d\d [AP]M \d\d\/\d\d\/\d{4}/],
  ['keywords', /Từ khóa/],
  ['comment box', /Ý kiến bạn đọc/],
  ['author line', /Tác giả:/],
  ['broken characters', /\p{L}\?+\p{L}|\?\?/u],
  ['lone dash line', /(?:^|\n)\s*-\s*(?:\n|$)/],
  ['lone dot line', /(?:^|\n)\s*\.\s*(?:\n|$)/],
  ['byline', /(?:^|\n)\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,3}(?:\n|$)/u],
  ['category label', /(?:^|\n)Xã hội(?:\n|$)/],
  ['photo caption', /Người dân xã Trung Hòa, huyện Ngân Sơn nhận phân bón/],
  ['related headline', /Sơn La: Năm 2024 tỷ lệ hộ nghèo giảm còn 11,1%/],
  ['related headline', /Đắk Nông: Phát động Tháng cao điểm/],
  ['related headline', /Lạng Sơn: Quan tâm đào tạo nghề/],
  ['related headline', /Trao hỗ trợ sửa chữa nhà ở/],
  ['related headline', /Ông Nguyễn Văn Khang/],
  ['related headline', /LC Foods/],
  ['related headline', /Tăng cường công tác phòng, chống đuối nước/],
  ['related headline', /Chi nhánh NHCSXH Hà Nội/],
  ['related headline', /Khánh thành và bàn giao công trình/],
  ['related headline', /Cương lĩnh Hành động Bắc Kinh/],
];

describe('passages of the five reports', () => {
  test('passage counts and word counts (distribution printed)', () => {
    for (const { file, passages } of REPORTS) {
      const counts = passages.map((p) => words(p.text));
      console.log(
        `${file}: ${passages.length} passages, words ${Math.min(...counts)}–${Math.max(...counts)}: ${counts.join(' ')}`,
      );
      expect(passages.length).toBeGreaterThan(0);
    }
  });

  test.each(REPORTS.map((r) => [r.file, r.passages] as const))(
    '%s: no passage holds page furniture',
    (_file, passages) => {
      for (const passage of passages) {
        for (const [name, pattern] of FURNITURE) {
          expect(pattern.test(passage.text), `${name} in passage ${passage.n}: ${passage.text.slice(0, 80)}`).toBe(
            false,
          );
        }
      }
    },
  );

  test.each(REPORTS.map((r) => [r.file, r.passages] as const))(
    '%s: passages are within 40–200 words',
    (_file, passages) => {
      const counts = passages.map((p) => words(p.text));
      for (const count of counts) expect(count).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
      // A short section may leave one short passage.
      expect(counts.filter((c) => c < MIN_PASSAGE_WORDS).length).toBeLessThanOrEqual(1);
    },
  );

  test.each(REPORTS.map((r) => [r.file, r.text, r.passages] as const))(
    '%s: passages are ordered spans of the clean text, numbered from 1',
    (_file, text, passages) => {
      passages.forEach((p, i) => {
        expect(p.n).toBe(i + 1);
        expect(p.text).toBe(text.slice(p.start, p.end));
        expect(p.text).toBe(p.text.trim());
        if (i > 0) expect(p.start).toBeGreaterThanOrEqual(passages[i - 1]!.end);
      });
    },
  );

  test.each(REPORTS.map((r) => [r.file, r.text, r.passages] as const))(
    '%s: text outside passages is only whitespace, heading lines, the title line and footnotes',
    (_file, text, passages) => {
      const headings = new Set(passages.flatMap((p) => (p.heading ? p.heading.split(' › ') : [])));
      const firstLine = text.slice(0, text.indexOf('\n'));
      let from = 0;
      for (const gapEnd of [...passages.map((p) => p.start), text.length]) {
        for (const line of text
          .slice(from, gapEnd)
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)) {
          const allowed = headings.has(line) || /^\[\d+\] /.test(line) || line === firstLine;
          expect(allowed, `left out: ${line.slice(0, 80)}`).toBe(true);
        }
        from = passages.find((p) => p.start === gapEnd)?.end ?? gapEnd;
      }
    },
  );

  test.each(REPORTS.map((r) => [r.file, r.text, r.passages] as const))(
    '%s: no passage boundary falls inside a number, a code, `TP.` or a footnote mark',
    (_file, text, passages) => {
      const boundaries = new Set(passages.flatMap((p) => [p.start, p.end]));
      for (const m of text.matchAll(/\d+(?:[.,]\d+)+%?|\b(?:TP|Tp)\. \p{Lu}|\d+\/[\p{Lu}Đ-]+|\p{L}\[\d+\]/gu)) {
        for (let i = m.index + 1; i < m.index + m[0].length; i++) expect(boundaries.has(i)).toBe(false);
      }
    },
  );

  test('footnote [1] of report 004 is attached to the passage that cites it', () => {
    const { passages } = reportOf('004');
    const citing = passages.find((p) => p.text.includes('trình 03 Nghị quyết của HĐND, 01 Kế hoạch cuẩ UBND tỉnh)[1]'));
    const note = citing?.footnotes.find((f) => f.mark === '[1]');
    expect(note?.text).toContain('70/2024/NQ-HĐND');
    expect(note?.text.startsWith('Nghị quyết số 77/2024/NQ-HĐND')).toBe(true);
  });

  test('footnote lines of report 004 are not passages', () => {
    const { passages } = reportOf('004');
    expect(passages.some((p) => /(?:^|\n)\[\d+\] /.test(p.text))).toBe(false);
    const attached = passages.flatMap((p) => p.footnotes.map((f) => f.mark));
    expect(new Set(attached)).toEqual(new Set(Array.from({ length: 11 }, (_, i) => `[${i + 1}]`)));
  });

  test('a passage carries its heading and the numbered parent section', () => {
    const { passages } = reportOf('004');
    const passage = passages.find((p) => p.text.includes('Quyết định 2842/QĐ-UBND'));
    expect(passage?.heading).toBe('4. Công tác giảm nghèo, bảo trợ xã hội, trẻ em › 4.1. Công tác giảm nghèo');
    const top = passages.find((p) => p.text.includes('Chi trả trợ cấp thường xuyên cho 7.530 lượt'));
    expect(top?.heading).toBe('3. Thực hiện chính sách ưu đãi người có công với cách mạng (NCC)');
  });

  test('a lead-in stays with its list items', () => {
    const { passages } = reportOf('004');
    expect(
      passages.some((p) => p.text.startsWith('Trong 9 tháng:\n- Giải quyết việc làm tăng thêm cho 13.864 lao động')),
    ).toBe(true);
  });

  test('a title line is the document’s, not a heading; a report without headings has none', () => {
    expect(reportOf('003').passages.every((p) => p.heading === null)).toBe(true);
    expect(reportOf('002').passages.every((p) => p.heading === null)).toBe(true);
    expect(reportOf('003').passages[0]!.text.startsWith('(LĐXH)-Từ đầu năm đến nay')).toBe(true);
  });
});

const SENTENCE =
  'Năm 2023 toàn tỉnh đã giải quyết việc làm cho 28.494 người, đạt 114% kế hoạch năm và vượt chỉ tiêu Nghị quyết đề ra.';

describe('splitPassages on small texts', () => {
  test('short paragraphs under one heading merge; nothing merges across a heading', () => {
    const text = ['1. Công tác lao động', SENTENCE, SENTENCE, '2. Công tác giảm nghèo', SENTENCE].join('\n');
    const passages = splitPassages(text);
    expect(passages.map((p) => [p.heading, words(p.text)])).toEqual([
      ['1. Công tác lao động', 50],
      ['2. Công tác giảm nghèo', 25],
    ]);
  });

  test('a long paragraph is cut at sentence ends into balanced parts', () => {
    const paragraph = Array.from({ length: 20 }, () => SENTENCE).join(' ');
    const counts = splitPassages(paragraph).map((p) => words(p.text));
    // 500 words of 25-word sentences: three parts, cut at the sentence nearest each third.
    expect(counts).toEqual([175, 150, 175]);
  });

  test('a heading with no body of its own stands as a passage', () => {
    const passages = splitPassages(['1. Công tác lao động', '2. Công tác giảm nghèo', SENTENCE].join('\n'));
    expect(passages.map((p) => p.text)).toEqual(['1. Công tác lao động', SENTENCE]);
  });

  test('a mark without a footnote line is left alone', () => {
    const passages = splitPassages(`Đã hoàn thành 04 nội dung[7]. ${SENTENCE}`);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.footnotes).toEqual([]);
  });

  test('`Một là:` opens a paragraph, it is not a heading', () => {
    const passages = splitPassages(`Một là: ${SENTENCE}\nHai là: ${SENTENCE}`);
    expect(passages.map((p) => p.heading)).toEqual([null]);
  });
});

const WORDS = [
  'tỉnh',
  'giải',
  'quyết',
  'việc',
  'làm',
  'cho',
  'người',
  'hộ',
  'nghèo',
  'đạt',
  '40.512',
  '2,4%',
  '101,28%',
  'TP.',
  'Hồ',
  'Tp.',
  'ThS.',
  'Nguyễn',
  '02/QĐ-UBND',
  'nội dung[1]',
  'v.v.',
  'người…',
  '(đạt',
  '1.087/1.000)',
  '–',
];

const sentenceArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }).map((ws) => {
  const text = ws.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
});
const paragraphArb = fc.array(sentenceArb, { minLength: 1, maxLength: 25 }).map((s) => s.join(' '));
const headingArb = fc.constantFrom(
  '2.1. Về tình hình lao động, việc làm',
  '3. Thực hiện chính sách ưu đãi người có công',
);
const blockArb = fc.oneof({ weight: 5, arbitrary: paragraphArb }, { weight: 1, arbitrary: headingArb });
const documentArb = fc
  .array(fc.tuple(blockArb, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 12 })
  .map((blocks) => blocks.map(([b, sep], i) => (i === 0 ? b : sep + b)).join(''));

describe('splitPassages properties', () => {
  test('passages are exact, ordered spans; joined with the heading lines they give back the text', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const passages = splitPassages(text);
        let rebuilt = '';
        let from = 0;
        for (const [i, p] of passages.entries()) {
          expect(p.n).toBe(i + 1);
          expect(p.text).toBe(text.slice(p.start, p.end));
          expect(p.start).toBeGreaterThanOrEqual(from);
          // Whatever lies between passages is whitespace or a heading line.
          const gap = text
            .slice(from, p.start)
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          for (const line of gap) expect(line).toMatch(/^\d+(?:\.\d+)*\. /);
          rebuilt += gap.join('') + p.text;
          from = p.end;
        }
        const rest = text
          .slice(from)
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        for (const line of rest) expect(line).toMatch(/^\d+(?:\.\d+)*\. /);
        rebuilt += rest.join('');
        expect(rebuilt.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  test('passages stay under the maximum and are cut at word boundaries, never after an abbreviation mid-line', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        for (const p of splitPassages(text)) {
          expect(words(p.text)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
          expect(p.start === 0 || /\s/.test(text[p.start - 1]!)).toBe(true);
          expect(p.end === text.length || /\s/.test(text[p.end]!)).toBe(true);
          if (p.end < text.length && text[p.end] !== '\n') expect(p.text).not.toMatch(/(?:TP|Tp|ThS|v\.v)\.$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
