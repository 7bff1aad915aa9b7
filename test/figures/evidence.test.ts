import { describe, expect, test } from 'vitest';
import { figureEvidence } from '../../src/figures/evidence.js';
import { parseFigures } from '../../src/figures/parse.js';
import type { FigureEvidence } from '../../src/figures/types.js';

/** The evidence of the figure written `needle` in `text`, in a report of `reportYear`. */
function evidenceOf(text: string, needle: string, reportYear: number | null = 2024, lead = ''): FigureEvidence {
  const figures = parseFigures(text);
  const index = figures.findIndex((f) => f.text === needle || f.text.startsWith(needle));
  if (index < 0) throw new Error(`${needle} not parsed in: ${figures.map((f) => f.text).join(' | ')}`);
  return figureEvidence(text, figures, { reportYear, lead })[index]!;
}

describe('a figure is a result, a plan, a forecast or a running total', () => {
  test.each([
    // Plans: the figure's own clause sets a target.
    ['Năm 2024, tỉnh đặt mục tiêu giải quyết việc làm cho 12.500 lao động.', '12.500', 'plan'],
    ['Địa phương đặt mục tiêu đưa 80.000 lao động đi làm việc ở nước ngoài trong giai đoạn này.', '80.000', 'plan'],
    [
      'Kế hoạch năm 2025: giải quyết việc làm cho 15.000 lao động; KH 3.000 người đi làm việc ở nước ngoài.',
      '3.000',
      'plan',
    ],
    ['Tỷ lệ thất nghiệp khu vực thành thị còn 2,54%, đạt chỉ tiêu dưới 3% thành phố đề ra.', '3%', 'plan'],
    ['Phấn đấu đến năm 2025 giảm tỷ lệ hộ nghèo xuống dưới 1,5%.', '1,5%', 'plan'],
    // A year after the report's own, named at the opening of the paragraph.
    ['Trong năm 2024, tiếp tục duy trì tổ chức cai nghiện phục hồi cho 800 người nghiện ma túy.', '800', 'plan', 2023],
    // Results, even beside plan words.
    ['Giải quyết việc làm cho 46.120/42.000 người, đạt 109,8% kế hoạch.', '46.120', 'result'],
    ['Tỷ lệ thất nghiệp khu vực thành thị còn 2,54%, đạt chỉ tiêu dưới 3% thành phố đề ra.', '2,54%', 'result'],
    ['Một số chỉ tiêu cơ bản như tỷ lệ thất nghiệp khu vực thành thị 2,4%.', '2,4%', 'result'],
    ['Tổ chức 270 hội nghị tư vấn, định hướng nghề nghiệp cho 17.204 người.', '17.204', 'result'],
    ['Tiếp tục duy trì tốt công tác quản lý nuôi dưỡng 215 đối tượng bảo trợ xã hội.', '215', 'result', 2021],
    // Estimates and forecasts.
    ['Từ đầu năm đến 30/6/2024, ước tính toàn tỉnh giải quyết việc làm cho 6.578 lượt lao động.', '6.578', 'forecast'],
    ['Dự kiến cả năm sẽ hỗ trợ 424 lao động, tương ứng 2,347 tỷ đồng.', '424', 'forecast'],
    // Running totals.
    [
      'Xuất cảnh lao động trong tháng 64 người; lũy kế 11 tháng 712/800 người, đạt 89% kế hoạch.',
      '712/800',
      'cumulative',
    ],
    ['Lũy kế từ đầu năm đến nay có 5.000 người được hỗ trợ.', '5.000', 'cumulative'],
  ])('%s — %s is a %s', (text, needle, status, year = 2024) => {
    expect(evidenceOf(text, needle, year as number).status).toBe(status);
  });
});

describe('what a figure is to its sentence', () => {
  test.each([
    [
      'Hà Tĩnh đã giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch.',
      '23.500',
      'level',
    ],
    [
      'Hà Tĩnh đã giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch.',
      '1,6%',
      'change',
    ],
    [
      'Hà Tĩnh đã giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch.',
      '102,2%',
      'plan_percent',
    ],
    ['Tỉnh giải quyết việc làm mới cho khoảng 2.226 lao động, đạt 25,59%KH/năm.', '25,59%', 'plan_percent'],
    ['Trợ cấp thất nghiệp cho 13.710 lao động, giảm tới 32,9% so với cùng kỳ năm trước.', '32,9%', 'change'],
    ['Tỷ lệ hộ nghèo giảm nhanh, bình quân 4,78%/năm, năm 2020 còn 16,33%.', '4,78%', 'change'],
    ['Tỷ lệ hộ nghèo giảm nhanh, bình quân 4,78%/năm, năm 2020 còn 16,33%.', '16,33%', 'level'],
    ['Tạo việc làm cho 32.600 người (đạt 98,7% kế hoạch năm, bằng 95,3% so với cùng kỳ).', '95,3%', 'baseline_ratio'],
    ['Tỷ trọng lao động nông nghiệp từ 47% năm 2020 xuống 34,63% năm 2024.', '47%', 'level'],
    ['Xuất khẩu lao động là 1.834 người, chiếm 32,05%, giảm 46,45% so với cùng kỳ năm trước.', '32,05%', 'share'],
  ])('%s — %s is a %s', (text, needle, role) => {
    expect(evidenceOf(text, needle).role).toBe(role);
  });
});

describe('the period a figure’s own clause names', () => {
  test.each([
    // Right after the figure, across a parenthesised aside.
    [
      'Tỷ lệ hộ nghèo giảm từ 2,55% (tương đương 10.368 hộ) năm 2021 xuống còn 0,44% (1.794 hộ) cuối năm 2024.',
      '2,55%',
      '2021',
    ],
    [
      'Tỷ lệ hộ nghèo giảm từ 2,55% (tương đương 10.368 hộ) năm 2021 xuống còn 0,44% (1.794 hộ) cuối năm 2024.',
      '0,44%',
      '2024',
    ],
    ['Tỷ trọng lao động công nghiệp từ 25,5% năm 2020 lên 32,87% năm 2024.', '32,87%', '2024'],
    // Before it in its clause.
    ['Quý I/2020, tỉnh Điện Biên giải quyết việc làm mới cho khoảng 2.226 lao động.', '2.226', '2020-q1'],
    ['Tính đến tháng 7/2024, toàn tỉnh đã giải quyết việc làm cho 11.556 người lao động.', '11.556', '2024-7m'],
    ['Từ đầu năm đến 30/6/2024, toàn tỉnh tuyển sinh cho 3.666 học viên.', '3.666', '2024-6m'],
    // Later in its clause.
    [
      'Địa phương phấn đấu đưa 80.000 lao động đi làm việc ở nước ngoài trong giai đoạn 2026-2030.',
      '80.000',
      '2026-2030',
    ],
    // A baseline is not the figure's own period.
    ['Giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023.', '1,6%', null],
    ['Giảm 24,07% so với cuối năm 2015.', '24,07%', null],
    ['Đưa 1.567 người đi làm việc ở nước ngoài, đạt 76,43% so với kế hoạch năm 2024.', '1.567', null],
  ])('%s — %s: %s', (text, needle, period) => {
    expect(evidenceOf(text, needle).period).toBe(period);
  });

  test('a sentence that opens on a period names it for the sentences after it in its paragraph', () => {
    const text = 'Trong năm 2024, Sở tiếp tục triển khai các chương trình. Duy trì cai nghiện cho 800 người.';
    expect(evidenceOf(text, '800', 2023).period).toBe('2024');
  });

  test.each([
    [
      'Từ đầu năm đến 30/6/2024, ước tính toàn tỉnh giải quyết việc làm cho 6.578 lượt lao động. Trong đó, làm việc trong tỉnh 2.432 lượt lao động.',
      '2.432',
      '2024-6m',
    ],
    [
      'Ước tính đến 30/9/2023, toàn tỉnh đã tuyển sinh 12.000 học viên. Trong đó, cao đẳng 500 học viên.',
      '500',
      '2023-9m',
    ],
    [
      'Lũy kế từ đầu năm đến hết tháng 8/2023, tạo việc làm cho 15.000 lao động. Số đi làm việc ở nước ngoài là 900 người.',
      '900',
      '2023-8m',
    ],
    [
      'Tính từ đầu năm đến 31/10/2024, Sở đã giải quyết 300 hồ sơ. Trong số này, 120 hồ sơ được giải quyết trước hạn.',
      '120',
      '2024-10m',
    ],
    [
      'Tính đến 30/6/2025, toàn tỉnh có 5.000 người tham gia BHXH tự nguyện. Số người tham gia BHYT đạt 90.000 người.',
      '90.000',
      '2025-6m',
    ],
  ])('the opening period reaches the sentences after it: %s', (text, needle, period) => {
    expect(evidenceOf(text, needle, 2023).period).toBe(period);
  });

  test('a period mentioned in passing does not carry to the next sentence', () => {
    const text =
      'Hội nghị tổng kết năm 2023 và triển khai nhiệm vụ năm 2024. Giải quyết việc làm cho 46.120/42.000 người.';
    expect(evidenceOf(text, '46.120', 2023).period).toBeNull();
  });

  test('the opening of a paragraph cut into several passages reaches the later ones', () => {
    expect(evidenceOf('Duy trì cai nghiện cho 800 người.', '800', 2023, 'Trong năm 2024, Sở tiếp tục. ').period).toBe(
      '2024',
    );
  });

  test('`giai đoạn này` is the span named last before it', () => {
    const text =
      'Mục tiêu giai đoạn 2026-2030 là tạo việc làm bền vững. Tỉnh đặt mục tiêu đưa 80.000 lao động đi làm việc ở nước ngoài trong giai đoạn này.';
    expect(evidenceOf(text, '80.000').period).toBe('2026-2030');
  });
});

describe('the subject a figure carries on from', () => {
  test.each([
    ['Tỷ lệ hộ nghèo của Lai Châu giảm nhanh, bình quân 4,78%/năm, năm 2020 còn 16,33%.', '16,33%', 'ho ngheo'],
    ['Trợ cấp thất nghiệp cho 13.710 lao động, giảm tới 32,9% so với cùng kỳ.', '32,9%', 'tro cap that nghiep'],
    ['Giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023.', '1,6%', 'giai quyet viec lam'],
    ['Tỷ lệ hộ nghèo giảm từ 2,55% (tương đương 10.368 hộ) năm 2021.', '10.368', 'ti le ho ngheo'],
    ['Tổng số hộ nghèo còn 5.915 hộ (giảm 1.656 hộ so với năm 2022).', '1.656', 'ho ngheo'],
  ])('%s — %s carries “%s”', (text, needle, words) => {
    expect(evidenceOf(text, needle).subject).toContain(` ${words} `);
  });

  test('a figure with words of its own carries nothing', () => {
    const text = 'Giải quyết việc làm cho 23.500 người, trong đó đưa 1.200 người đi làm việc ở nước ngoài.';
    expect(evidenceOf(text, '1.200').subject.trim()).toBe('');
  });
});

describe('the country’s figure beside the province’s', () => {
  test.each([
    ['Tỷ lệ lao động qua đào tạo cả nước năm 2019 là 62%.', '62%', true],
    ['Cao hơn tỷ lệ lao động qua đào tạo chung cả nước 4,6%.', '4,6%', true],
    ['Tỷ lệ lao động qua đào tạo đạt 66,6%, cao hơn tỷ lệ chung cả nước.', '66,6%', false],
    ['Toàn quốc có 1,2 triệu lao động được hỗ trợ.', '1,2 triệu', true],
    ['Toàn tỉnh có 20 cơ sở giáo dục nghề nghiệp.', '20', false],
  ])('%s — %s national: %s', (text, needle, national) => {
    expect(evidenceOf(text, needle).national).toBe(national);
  });
});
