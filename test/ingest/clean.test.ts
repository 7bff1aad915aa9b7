import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanReport } from '../../src/ingest/clean.js';

const REPORTS_DIR = join(import.meta.dirname, '../../data/reports');
const REPORT_FILES = readdirSync(REPORTS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

function report(prefix: string): string {
  const file = REPORT_FILES.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no report ${prefix}`);
  return readFileSync(join(REPORTS_DIR, file), 'utf8');
}

function removedOf(prefix: string, kind: string): string[] {
  return cleanReport(report(prefix), 'txt')
    .removed.filter((r) => r.kind === kind)
    .map((r) => r.line);
}

describe('page furniture in the sample reports', () => {
  test('a category label, the timestamp, the photo caption and the byline are removed from 001', () => {
    const cleaned = cleanReport(report('001'), 'txt');
    expect(cleaned.removed).toEqual([
      { kind: 'category', line: 'Xã hội' },
      { kind: 'timestamp', line: '09:42 PM 01/12/2024' },
      { kind: 'caption', line: 'Người dân xã Trung Hòa, huyện Ngân Sơn nhận phân bón hỗ trợ sản xuất' },
      { kind: 'byline', line: 'Minh Hằng' },
      { kind: 'punctuation', line: '.' },
    ]);
    expect(cleaned.published).toBe('2024-12-01');
    expect(cleaned.text.startsWith('Ngành Lao động – Thương binh và Xã hội tỉnh Bắc Kạn: Góp phần')).toBe(true);
    expect(cleaned.text.endsWith('ổn định xã hội./.')).toBe(true);
  });

  test('the related-articles list after the byline goes whole, tail bullets included (000)', () => {
    const cleaned = cleanReport(report('000'), 'txt');
    expect(removedOf('000', 'byline')).toEqual(['Hồng Phượng']);
    expect(
      cleaned.text.endsWith('Duy trì 100% xã, phường làm tốt công tác thương binh, liệt sỹ và người có công.../.'),
    ).toBe(true);
    expect(cleaned.text).not.toContain('Chi nhánh NHCSXH');
    expect(cleaned.text).not.toContain('Bắc Mê');
    expect(removedOf('000', 'timestamp')).toHaveLength(6);
  });

  test('keywords, related headlines and the byline are removed from 003', () => {
    const cleaned = cleanReport(report('003'), 'txt');
    expect(removedOf('003', 'byline')).toEqual(['Mỹ Hạnh']);
    expect(removedOf('003', 'tags')).toEqual(['Từ khóa:']);
    expect(cleaned.text).not.toContain('LC Foods');
    expect(cleaned.text.endsWith('Bình đẳng giới năm 2024./.')).toBe(true);
  });

  test('the broken author line and the comment box are removed from 004, footnotes kept', () => {
    const cleaned = cleanReport(report('004'), 'txt');
    expect(cleaned.removed).toEqual([
      { kind: 'author', line: 'Tác giả: S? lao ??ng Qu?n tr?' },
      { kind: 'comments', line: 'Ý kiến bạn đọc' },
    ]);
    expect(cleaned.text).toContain('[1] Nghị quyết số 77/2024/NQ-HĐND');
    expect(cleaned.text.startsWith('1. Tình hình thực hiện Chương trình công tác của UBND tỉnh\n')).toBe(true);
  });

  test('002 has nothing to remove', () => {
    expect(cleanReport(report('002'), 'txt').removed).toEqual([]);
  });

  test.each(REPORT_FILES)(
    'every line of %s is either kept verbatim (spaces collapsed) or recorded as removed',
    (file) => {
      const raw = readFileSync(join(REPORTS_DIR, file), 'utf8');
      const { text, removed } = cleanReport(raw, 'txt');
      const removedLines = new Set(removed.map((r) => r.line));
      for (const source of raw.split('\n')) {
        const line = source.replace(/[\s\u00A0]+/g, ' ').trim();
        if (!line || removedLines.has(line)) continue;
        expect(text).toContain(line);
      }
      // What goes is short: no article paragraph is ever dropped.
      for (const r of removed) expect(r.line.split(' ').length).toBeLessThanOrEqual(35);
    },
  );
});

describe('title candidates', () => {
  test.each([
    [
      '001',
      ['Ngành Lao động – Thương binh và Xã hội tỉnh Bắc Kạn: Góp phần tích cực trong đảm bảo an sinh xã hội năm 2024'],
    ],
    [
      '003',
      [
        'Lạng Sơn: Đảm bảo kế hoạch thực hiện các lĩnh vực lao động, người có công và xã hội trong những tháng đầu năm 2024',
      ],
    ],
    // A caption the scraper kept: still the only title-like line, kept in the text.
    ['000', ['Thăm, tặng quà đối tượng chính sách và hộ nghèo, có hoàn cảnh khó khăn trên địa bàn tỉnh']],
    ['002', []],
    // A numbered section heading is not a title.
    ['004', []],
  ])('report %s', (prefix, expected) => {
    const cleaned = cleanReport(report(prefix), 'txt');
    expect(cleaned.titleCandidates).toEqual(expected);
    for (const title of expected) expect(cleaned.text).toContain(title);
  });

  test('a line followed by the page timestamp ranks above an earlier plain one', () => {
    const raw = [
      'Một dòng giới thiệu chuyên mục an sinh xã hội',
      'Hà Nam: Kết quả công tác lao động năm 2024',
      '10:00 AM 05/01/2025',
      'Năm 2024, toàn tỉnh đã giải quyết việc làm cho 28.494 người, đạt 114% kế hoạch năm và vượt chỉ tiêu đề ra.',
    ].join('\n');
    expect(cleanReport(raw, 'txt').titleCandidates[0]).toBe('Hà Nam: Kết quả công tác lao động năm 2024');
  });
});

describe('characters and spacing', () => {
  test('decomposed input becomes NFC and keeps its own tone placement', () => {
    const raw = 'Uỷ ban nhân dân tỉnh Hoà Bình đã hỗ trợ 1.000 hộ.'.normalize('NFD');
    const { text } = cleanReport(raw, 'txt');
    expect(text).toBe('Uỷ ban nhân dân tỉnh Hoà Bình đã hỗ trợ 1.000 hộ.');
    expect(text).toBe(text.normalize('NFC'));
  });

  test('exotic spaces, zero-width characters, CRLF and repeated spaces are normalised', () => {
    const raw =
      '  Đạt và vượt kế \u00A0hoạch\u200B, cụ thể:\u2009 7.000/6.400 người.  \r\n\r\n\r\n\r\n\tDòng   thứ hai.\u00A0\r\n';
    expect(cleanReport(raw, 'txt').text).toBe('Đạt và vượt kế hoạch, cụ thể: 7.000/6.400 người.\n\nDòng thứ hai.');
  });

  test('the double space of report 001 collapses', () => {
    expect(cleanReport(report('001'), 'txt').text).toContain(
      'đạt và vượt kế hoạch, cụ thể: Toàn tỉnh giải quyết việc làm cho 7.000/6.400 người',
    );
  });
});

const BODY =
  'Năm 2024, toàn tỉnh đã giải quyết việc làm cho 7.000/6.400 người lao động, đạt 109,4% kế hoạch được giao.';

describe('furniture lines inside an article', () => {
  test.each([
    ['image', 'anh-trao-qua-2024.jpg'],
    ['caption', 'Ảnh: Mỹ Hạnh'],
    ['caption', '(Ảnh minh họa)'],
    ['caption', 'Lãnh đạo Sở trao quà cho các hộ nghèo (Ảnh: TL)'],
    ['bullet', '-'],
    ['punctuation', '.'],
    ['comments', 'Ý kiến bạn đọc'],
    ['author', 'Tác giả: S? lao ??ng Qu?n tr?'],
    ['mojibake', 'Ngu?n: S? lao ??ng'],
  ])('%s line %j is removed', (kind, line) => {
    const cleaned = cleanReport(`${BODY}\n${line}\n${BODY}`, 'txt');
    expect(cleaned.removed).toEqual([{ kind, line }]);
    expect(cleaned.text).toBe(`${BODY}\n${BODY}`);
  });

  test.each([
    'Kết quả giải quyết việc làm cho 7.000 người lao động',
    'Tỷ lệ hộ nghèo giảm còn 2,11%',
    'Công tác giảm nghèo',
  ])('a short line that could be a caption but is not is kept: %j', (line) => {
    const raw = `Lạng Sơn: Kết quả công tác năm 2024\n${BODY}\n${line}\n${BODY}`;
    expect(cleanReport(raw, 'txt').text).toContain(line);
  });

  test('a keyword line after `Từ khóa:` goes with it', () => {
    const cleaned = cleanReport(`${BODY}\nTừ khóa:\nlao động, việc làm, Bắc Kạn`, 'txt');
    expect(cleaned.removed.map((r) => r.kind)).toEqual(['tags', 'tags']);
    expect(cleaned.text).toBe(BODY);
  });

  test('a related headline between paragraphs goes with its stamp, the article after it stays', () => {
    const raw = `${BODY}\n-\nSơn La: Năm 2024 tỷ lệ hộ nghèo giảm còn 11,1%\n07-11-2024 11:57 49\n${BODY}`;
    const cleaned = cleanReport(raw, 'txt');
    expect(cleaned.text).toBe(`${BODY}\n${BODY}`);
    expect(cleaned.removed.map((r) => r.kind)).toEqual(['bullet', 'related', 'timestamp']);
  });
});

describe('HTML input', () => {
  const html = `<!doctype html><html><head><title>Bắc Kạn: An sinh xã hội năm 2024 | Báo Lao động</title>
<style>p { color: red }</style></head>
<body><header><nav><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></nav></header>
<article><h1>Bắc Kạn: Đảm bảo an sinh xã hội năm 2024</h1>
<p>09:42 PM 01/12/2024</p>
<p>Toàn tỉnh giải quyết việc làm cho 7.000/6.400 người, đạt 109,4%&nbsp;kế hoạch &amp; vượt chỉ tiêu; công tác bảo trợ x&atilde; h&#7897;i được quan tâm. Xem <a href="https://example.vn/bai-viet">chi tiết</a>.<img src="anh.jpg" alt="ảnh"></p>
<h2>1. Công tác lao động</h2>
<p>Có 38 người lao động đi làm việc ở nước ngoài theo hợp đồng<sup>[1]</sup>.</p>
<ul><li>Tư vấn cho 19.203 người.</li><li>Trợ cấp thất nghiệp cho 12.951 người.</li></ul>
<script>document.write("<p>không hiển thị</p>");</script>
</article><footer>Bản quyền thuộc Báo</footer></body></html>`;
  const cleaned = cleanReport(html, 'html');

  test('entities are decoded and tags stripped', () => {
    expect(cleaned.text).toContain('đạt 109,4% kế hoạch & vượt chỉ tiêu; công tác bảo trợ xã hội được quan tâm.');
    expect(cleaned.text).not.toMatch(/[<>]|&\w+;|&#\d+;/);
  });

  test('scripts, styles, navigation, header and footer are dropped', () => {
    expect(cleaned.text).not.toContain('không hiển thị');
    expect(cleaned.text).not.toContain('color');
    expect(cleaned.text).not.toContain('Trang chủ');
    expect(cleaned.text).not.toContain('Bản quyền');
  });

  test('links keep their text only, images leave nothing, headings keep their case', () => {
    expect(cleaned.text).toContain('Xem chi tiết.');
    expect(cleaned.text).not.toMatch(/https?:|\[link\]|anh\.jpg|\*/);
    expect(cleaned.text).toContain('\n1. Công tác lao động\n');
  });

  test('blocks become lines and list items dash bullets', () => {
    expect(cleaned.text).toContain('theo hợp đồng[1].\n');
    expect(cleaned.text).toContain('\n- Tư vấn cho 19.203 người.\n- Trợ cấp thất nghiệp cho 12.951 người.');
  });

  test('title, page title and date are found', () => {
    expect(cleaned.titleCandidates).toEqual([
      'Bắc Kạn: Đảm bảo an sinh xã hội năm 2024',
      'Bắc Kạn: An sinh xã hội năm 2024',
    ]);
    expect(cleaned.published).toBe('2024-12-01');
  });
});

describe('Markdown input', () => {
  const md = `# Hà Nam: Kết quả **an sinh xã hội** năm 2023

![Ảnh trao quà](images/trao-qua.jpg)

## 2. Công tác _lao động_, việc làm

Giải quyết việc làm mới cho **28.494 người** (đạt 114% kế hoạch), xem [báo cáo đầy đủ](https://example.vn/bc.pdf) và nội dung[1].

* Cao đẳng: 472 người
* Trung cấp: 3.574 người

[1] Quyết định số 02/QĐ-UBND ngày 09/01/2024.
`;
  const cleaned = cleanReport(md, 'md');

  test('heading marks, emphasis, links and images are stripped, footnote marks kept', () => {
    expect(cleaned.text).toBe(
      [
        'Hà Nam: Kết quả an sinh xã hội năm 2023',
        '',
        '2. Công tác lao động, việc làm',
        '',
        'Giải quyết việc làm mới cho 28.494 người (đạt 114% kế hoạch), xem báo cáo đầy đủ và nội dung[1].',
        '',
        '- Cao đẳng: 472 người',
        '- Trung cấp: 3.574 người',
        '',
        '[1] Quyết định số 02/QĐ-UBND ngày 09/01/2024.',
      ].join('\n'),
    );
  });

  test('the top heading is the first title candidate', () => {
    expect(cleaned.titleCandidates[0]).toBe('Hà Nam: Kết quả an sinh xã hội năm 2023');
  });

  test('Markdown footnotes become bracket marks', () => {
    const { text } = cleanReport('Đã hoàn thành 04 nội dung[^1].\n\n[^1]: Nghị quyết số 77/2024/NQ-HĐND.', 'md');
    expect(text).toBe('Đã hoàn thành 04 nội dung[1].\n\n[1] Nghị quyết số 77/2024/NQ-HĐND.');
  });
});
