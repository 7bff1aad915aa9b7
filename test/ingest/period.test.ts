import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEV_QUESTIONS } from '../helpers.js';
import { describe, expect, test } from 'vitest';
import { detectPeriod, parsePeriodQuery, periodLabel, periodSpan } from '../../src/ingest/period.js';

const REPORTS = fileURLToPath(new URL('../../data/reports/', import.meta.url));
const DEV_SET = DEV_QUESTIONS;

describe('detectPeriod on the bundled reports', () => {
  test.each([
    // Results "Trong năm 2023"; comparisons with 2022 and plans for 2024 must not win.
    ['000_b555c3b4bb07bbe9.txt', '2023', 'năm 2023', 'year'],
    ['001_14133727df29d6d0.txt', '2024', 'năm 2024', 'year'],
    // Plans for 2024 fill its last third.
    ['002_b7ed6daf0c81323d.txt', '2023', 'năm 2023', 'year'],
    // "Trong tháng 4/2024" five times; the title says only "những tháng đầu năm 2024".
    ['003_985e148d1920b709.txt', '2024-04', 'tháng 4/2024', 'month'],
    // "Trong 9 tháng" without a year; the year comes from "năm 2024" everywhere.
    ['004_2cf5d5601a4462f1.txt', '2024-9m', '9 tháng năm 2024', 'months'],
  ])('%s covers %s', (file, key, label, kind) => {
    const detected = detectPeriod(readFileSync(REPORTS + file, 'utf8'));
    expect(detected).toMatchObject({ key, label, kind, year: Number(key.slice(0, 4)) });
    expect(detected.evidence).not.toBe('');
  });

  test('003 keeps its month when given its own first line as title', () => {
    const text = readFileSync(`${REPORTS}003_985e148d1920b709.txt`, 'utf8');
    expect(detectPeriod(text, { title: text.split('\n')[0]! }).key).toBe('2024-04');
  });
});

describe('detectPeriod on kinds of report', () => {
  test.each([
    [
      'a half-year report with plans for the second half',
      'Kết quả 6 tháng đầu năm 2024 ngành Lao động\nTrong 6 tháng đầu năm 2024, toàn tỉnh đã giải quyết việc làm cho ' +
        '5.000 người, tăng 5% so với cùng kỳ năm 2023. Số lao động đi làm việc ở nước ngoài năm 2024 là 300 người.\n' +
        'Phương hướng nhiệm vụ 6 tháng cuối năm 2024: tiếp tục triển khai các chương trình năm 2024.',
      '2024-6m',
    ],
    [
      'a monthly report written "tháng 04 năm 2024"',
      'Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau báo cáo kết quả công tác tháng 04 năm 2024.\nTrong tháng, ' +
        'toàn tỉnh giải quyết việc làm cho 1.200 lao động; lũy kế từ đầu năm 2024 là 4.800 lao động.\n' +
        'Nhiệm vụ trọng tâm tháng 5 năm 2024: tiếp tục rà soát hộ nghèo.',
      '2024-04',
    ],
    [
      'a yearly report with baselines and plans',
      'Năm 2023, ngành đã hoàn thành các chỉ tiêu. Tỷ lệ hộ nghèo giảm còn 2%, giảm 0,5% so với năm 2022. ' +
        'Giải quyết việc làm cho 20.000 người, tăng 5% so với năm 2022.\nNhiệm vụ năm 2024: tiếp tục giảm nghèo; ' +
        'phấn đấu năm 2024 giải quyết việc làm cho 21.000 người. Năm 2024 sẽ tập trung đào tạo nghề. ' +
        'Trong năm 2024, Sở tiếp tục rà soát.',
      '2023',
    ],
    [
      'a five-year review titled with its span',
      'Tổng kết giai đoạn 2021-2025 thực hiện Chương trình giảm nghèo\nTrong 5 năm, toàn tỉnh đã giảm tỷ lệ hộ ' +
        'nghèo. Năm 2024 tỷ lệ hộ nghèo còn 1%. Năm 2023 còn 2%.',
      '2021-2025',
    ],
    [
      'a quarterly report',
      'Trong quý I/2024, Sở đã giải quyết việc làm cho 2.000 người. Quý I năm 2024 tuyển sinh 1.000 người. ' +
        'Cả năm 2024 phấn đấu 8.000 người.',
      '2024-q1',
    ],
    [
      'training "dưới 3 tháng", which is a duration',
      'Đào tạo nghề dưới 3 tháng cho 500 người trong năm 2023; đào tạo sơ cấp 6 tháng cho 200 người.',
      '2023',
    ],
    [
      'a school year, which is no period of the report',
      'Công nhận danh hiệu năm học 2023-2024 cho 16 tập thể. Năm 2024, ngành đạt 10 chỉ tiêu.',
      '2024',
    ],
    [
      'a programme range in the body',
      'Trong năm 2023, tỉnh thực hiện Chương trình giảm nghèo bền vững giai đoạn 2021-2025 và Đề án giai đoạn ' +
        '2024-2030.',
      '2023',
    ],
    ['no period at all', 'Sở đã giải quyết việc làm cho nhiều người lao động.', null],
  ])('%s', (_, text, key) => {
    expect(detectPeriod(text).key).toBe(key);
  });

  test('takes the span from a title given apart from the text', () => {
    const body = 'Toàn tỉnh giải quyết việc làm cho 13.864 lao động. Tuyển sinh được 8.463 người năm 2024.';
    expect(detectPeriod(body, { title: 'Báo cáo kết quả 9 tháng năm 2024' })).toMatchObject({
      key: '2024-9m',
      label: '9 tháng năm 2024',
      months: 9,
    });
  });

  test('ignores periods in an article list at the end', () => {
    const text =
      'Trong năm 2023, toàn tỉnh giải quyết việc làm cho 23.250 người.\n-\n' +
      ['Sơn La: Năm 2024 tỷ lệ hộ nghèo giảm còn 11,1%', '07-11-2024 11:57 49', '-'].join('\n').repeat(4);
    expect(detectPeriod(text).key).toBe('2023');
  });
});

describe('parsePeriodQuery', () => {
  test.each([
    ['Tỷ lệ hộ nghèo năm 2023?', '2023', 'year', 'năm 2023'],
    ['ty le ho can ngheo ha nam 2023', '2023', 'year', 'năm 2023'],
    ['Tỷ lệ hộ nghèo cuối năm 2023', '2023', 'year', 'năm 2023'],
    ['How many people joined in 2024?', '2024', 'year', 'năm 2024'],
    ['Tháng 4/2024 chi bao nhiêu?', '2024-04', 'month', 'tháng 4/2024'],
    ['thang 4 2024 tro cap', '2024-04', 'month', 'tháng 4/2024'],
    ['tháng 04 năm 2024', '2024-04', 'month', 'tháng 4/2024'],
    ['April 2024 unemployment', '2024-04', 'month', 'tháng 4/2024'],
    ['9 tháng năm 2024 giải quyết việc làm', '2024-9m', 'months', '9 tháng năm 2024'],
    ['trong 9 tháng 2024?', '2024-9m', 'months', '9 tháng năm 2024'],
    ['6 tháng đầu năm 2024', '2024-6m', 'months', '6 tháng năm 2024'],
    ['first 9 months of 2024', '2024-9m', 'months', '9 tháng năm 2024'],
    ['quý I/2024', '2024-q1', 'quarter', 'quý I/2024'],
    ['Q2 2024', '2024-q2', 'quarter', 'quý II/2024'],
    ['giai đoạn 2021-2025', '2021-2025', 'range', '2021-2025'],
    ['2024-9m', '2024-9m', 'months', '9 tháng năm 2024'],
    ['2024-04', '2024-04', 'month', 'tháng 4/2024'],
  ])('%s is %s', (question, key, kind, label) => {
    // A range's year is its last.
    const year = Number(key.slice(kind === 'range' ? 5 : 0).slice(0, 4));
    expect(parsePeriodQuery(question)).toMatchObject({ key, kind, label, year });
  });

  test.each([
    ['so nguoi huong tro cap that nghiep tay ninh 9 thang', 'months', 9, '9 tháng'],
    ['6 tháng đầu năm', 'months', 6, '6 tháng'],
  ])('%s names months without a year', (question, kind, months, label) => {
    expect(parsePeriodQuery(question)).toMatchObject({ key: null, year: null, kind, months, label });
  });

  test.each([
    ['Giá vàng hôm nay bao nhiêu?'],
    ['Tỷ lệ hộ nghèo năm nay?'],
    ['poverty this year'],
    ['theo Nghị định 55/2023/NĐ-CP'],
    ['giải quyết việc làm cho 7.500 người'],
    ['theo kế hoạch số mấy?'],
    ['trẻ em dưới 6 tuổi'],
    ['Q1 TP.HCM có bao nhiêu hộ nghèo?'],
    ['đào tạo dưới 3 tháng'],
  ])('%s names no period', (question) => {
    expect(parsePeriodQuery(question)).toMatchObject({ key: null, kind: null, year: null });
  });

  const devLines = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; question: string; period: string | null });
  const devTitle = 'dev questions: a named period agrees with the report period';

  test(devTitle, () => {
    for (const line of devLines) {
      const parsed = parsePeriodQuery(line.question);
      const context = `${line.id}: ${line.question}`;
      // A question that writes a year gets it.
      const year = /(?<![\d.,])(20\d{2})(?![\d/])/.exec(line.question)?.[1];
      expect(parsed.year, context).toBe(year ? Number(year) : null);
      if (parsed.key && line.period) {
        // A year asked of a shorter report is the report's year (`năm 2024` of `2024-04`).
        expect([line.period, line.period.slice(0, 4)], context).toContain(parsed.key);
      }
      if (/\b9 th[aá]ng\b/i.test(line.question)) expect(parsed.months, context).toBe(9);
    }
  });
});

describe('period keys', () => {
  test.each([
    ['2023', 'năm 2023', 12, 2023],
    ['2024-9m', '9 tháng năm 2024', 9, 2024],
    ['2024-6m', '6 tháng năm 2024', 6, 2024],
    ['2024-04', 'tháng 4/2024', 1, 2024],
    ['2024-q1', 'quý I/2024', 3, 2024],
    ['2021-2025', '2021-2025', 60, 2025],
  ])('%s reads %s and spans %i months of %i', (key, label, months, year) => {
    expect(periodLabel(key)).toBe(label);
    expect(periodSpan(key)).toEqual({ months, year });
  });

  test.each([['2024-13'], ['2025-2021'], ['năm 2023'], ['']])('%s is no key', (key) => {
    expect(periodLabel(key)).toBeNull();
    expect(periodSpan(key)).toBeNull();
  });
});
