import { describe, expect, test } from 'vitest';
import {
  escapeHtml,
  MESSAGE_LIMIT,
  packBlocks,
  renderAnswer,
  sourceBlocks,
  truncate,
} from '../../src/bot/formatting.js';

describe('escapeHtml', () => {
  test.each([
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['"quoted" link', '&quot;quoted&quot; link'],
    ['&amp; stays visible', '&amp;amp; stays visible'],
    ['Tỷ lệ 2,11%', 'Tỷ lệ 2,11%'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('renderAnswer', () => {
  test('escapes report text and puts the sources heading in bold', () => {
    const [html, ...rest] = renderAnswer({
      answer_text: 'Tỷ lệ hộ nghèo Hà Nam năm 2023 là 2,11% [1].\n\nBáo cáo viết: «giảm <0,5%» [1]',
      sources_text: 'Nguồn:\n[1] Hà Nam · năm 2023 · Báo cáo kết quả & phương hướng · đoạn 4',
    });
    expect(rest).toEqual([]);
    expect(html).toMatchInlineSnapshot(`
      "Tỷ lệ hộ nghèo Hà Nam năm 2023 là 2,11% [1].

      Báo cáo viết: «giảm &lt;0,5%» [1]

      <b>Nguồn:</b>
      [1] Hà Nam · năm 2023 · Báo cáo kết quả &amp; phương hướng · đoạn 4"
    `);
  });

  test('an answer without sources is just its paragraphs', () => {
    expect(renderAnswer({ answer_text: 'Không có số liệu.', sources_text: '' })).toEqual(['Không có số liệu.']);
  });

  test('splits at paragraph boundaries, each message within the limit', () => {
    const para = (i: number) => `Đoạn ${i}: ${'số liệu '.repeat(8)}`.trim();
    const answer_text = Array.from({ length: 6 }, (_, i) => para(i + 1)).join('\n\n');
    const messages = renderAnswer({ answer_text, sources_text: '' }, 160);
    expect(messages).toMatchInlineSnapshot(`
      [
        "Đoạn 1: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu

      Đoạn 2: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu",
        "Đoạn 3: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu

      Đoạn 4: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu",
        "Đoạn 5: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu

      Đoạn 6: số liệu số liệu số liệu số liệu số liệu số liệu số liệu số liệu",
      ]
    `);
  });

  test('never splits inside a citation entry', () => {
    const entries = Array.from(
      { length: 40 },
      (_, i) => `[${i + 1}] Tỉnh ${i} · năm 2023 · ${'Báo cáo dài '.repeat(10).trim()}`,
    );
    const messages = renderAnswer({ answer_text: 'Kết quả [1].', sources_text: `Nguồn:\n${entries.join('\n')}` });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const lines = messages.flatMap((m) => m.split('\n')).filter((l) => l.startsWith('['));
    expect(lines).toEqual(entries.map((e) => escapeHtml(e)));
  });

  test('a reply of 10,000 characters comes back whole, in messages of at most 4,096', () => {
    const sentence = 'Năm 2023 giải quyết việc làm cho 23.250 người lao động [1]. ';
    const answer_text = Array.from({ length: 12 }, () => sentence.repeat(14).trim()).join('\n\n');
    const messages = renderAnswer({ answer_text, sources_text: 'Nguồn:\n[1] Thái Nguyên · năm 2023' });
    expect(answer_text.length).toBeGreaterThan(10_000);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages.join('\n\n').replace(/\s+/g, ' ')).toBe(
      `${answer_text}\n\n<b>Nguồn:</b>\n[1] Thái Nguyên · năm 2023`.replace(/\s+/g, ' '),
    );
  });
});

describe('packBlocks', () => {
  test('cuts an over-long paragraph at a sentence end, not inside a [n] mark', () => {
    const text = `${'a'.repeat(50)}. ${'b'.repeat(30)} [12] ${'c'.repeat(10)}`;
    expect(packBlocks([text], 64)).toMatchInlineSnapshot(`
      [
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.",
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb [12] cccccccccc",
      ]
    `);
  });

  test('a word longer than a message is cut, but never through an HTML entity', () => {
    const messages = packBlocks([`${'x'.repeat(14)}&amp;${'y'.repeat(10)}`], 16);
    expect(messages).toEqual(['x'.repeat(14), `&amp;${'y'.repeat(10)}`]);
  });

  test('joins lines with the given separator', () => {
    expect(packBlocks(['• a', '• b'], 100, '\n')).toEqual(['• a\n• b']);
  });
});

describe('sourceBlocks', () => {
  test('keeps continuation lines with their citation', () => {
    expect(sourceBlocks('Nguồn:\n[1] Hà Nam\n   trích: «2,11%»\n- [2] Bắc Kạn\n\n')).toEqual([
      'Nguồn:',
      '[1] Hà Nam\n   trích: «2,11%»',
      '- [2] Bắc Kạn',
    ]);
  });
});

test('truncate stops at a word boundary', () => {
  expect(truncate('Tỷ lệ hộ nghèo giảm còn 3,02% năm 2023', 20)).toBe('Tỷ lệ hộ nghèo giảm…');
});

describe('closest passages', () => {
  test('the figures a closest-passages reply marks in its quotes are shown in bold', () => {
    const [html] = renderAnswer({
      answer_text:
        'Không tìm thấy số liệu khớp chính xác với câu hỏi. Các câu gần nhất trong báo cáo (số liệu được đánh dấu *):\n«Toàn tỉnh có *20 cơ sở* giáo dục nghề nghiệp & *3.666 học viên*.» [1]',
      sources_text: '',
    });
    expect(html).toContain('«Toàn tỉnh có <b>20 cơ sở</b> giáo dục nghề nghiệp &amp; <b>3.666 học viên</b>.» [1]');
    expect(html).toContain('(số liệu được đánh dấu *)');
  });
});
