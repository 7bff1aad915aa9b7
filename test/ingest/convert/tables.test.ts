import { describe, expect, test } from 'vitest';
import { layoutTables } from '../../../src/ingest/convert/tables.js';

const lines = (...rows: string[][]) => rows.map((r) => `| ${r.join(' | ')} |`).join('\n');

describe('tables read for their meaning', () => {
  test('a result with its plan and its percent of plan is one figure, as in prose', () => {
    const { text, rows } = layoutTables(
      lines(
        ['STT', 'Chỉ tiêu', 'ĐVT', 'Kế hoạch 2024', 'Thực hiện 2024', 'Tỷ lệ % so KH'],
        ['1', 'Giải quyết việc làm', 'người', '3.000', '3.200', '106,7'],
      ),
    );
    expect(text).toBe(
      'Giải quyết việc làm: Kế hoạch 2024: 3.000 người, Thực hiện 2024: 3.200 người, Tỷ lệ % so KH: 106,7%',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.figures).toEqual([
      expect.objectContaining({
        text: '3.200 người',
        kind: 'achieved_over_plan',
        value: 3200,
        target: 3000,
        percentOfPlan: 106.7,
        percentOfPlanText: '106,7%',
        unit: 'người',
        indicator: 'giai_quyet_viec_lam',
        table: { n: 1, row: 'Giải quyết việc làm', column: 'Thực hiện 2024', role: 'result', period: 'năm 2024' },
      }),
    ]);
    const f = rows[0]!.figures[0]!;
    expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  test.each([
    ['Kế hoạch 2024', 'plan', 'năm 2024'],
    ['Thực hiện 2024', 'result', 'năm 2024'],
    ['Tỷ lệ % so KH', 'percent_of_plan', null],
    ['Ước thực hiện 6 tháng 2024', 'estimate', '6 tháng năm 2024'],
    ['So cùng kỳ (%)', 'same_period', null],
    ['Ghi chú số', 'value', null],
  ])('a column headed «%s» holds %s figures of %s', (header, role, period) => {
    const { rows } = layoutTables(lines(['Chỉ tiêu', 'ĐVT', header], ['Đào tạo nghề', 'người', '120']));
    expect(rows[0]!.figures[0]!.table).toMatchObject({ column: header, role, period });
  });

  test('a period header over merged cells names each column below it', () => {
    const { text } = layoutTables(
      lines(
        ['Chỉ tiêu', 'Năm 2024', 'Năm 2024'],
        ['Chỉ tiêu', 'Kế hoạch', 'Thực hiện'],
        ['Cai nghiện ma túy (người)', '450', '497'],
      ),
    );
    expect(text).toBe('Cai nghiện ma túy: Kế hoạch năm 2024: 450 người, Thực hiện năm 2024: 497 người');
  });

  test('the unit comes from the header when neither a unit column nor the label gives one', () => {
    const { rows } = layoutTables(lines(['Nội dung', 'Thực hiện 2024 (%)'], ['Tỷ lệ hộ nghèo', '2,11']));
    expect(rows[0]!.figures[0]).toMatchObject({ text: '2,11%', kind: 'percent', value: 2.11 });
  });

  test('tables are numbered in the order they stand; a row without numbers is plain text', () => {
    const one = lines(['Chỉ tiêu', 'Thực hiện'], ['A lao động', '5']);
    const two = lines(['Chỉ tiêu', 'Thực hiện'], ['I. Lĩnh vực lao động', ''], ['Việc làm mới', '7']);
    const { text, rows } = layoutTables(`${one}\n\nGiữa hai bảng.\n\n${two}`);
    expect(rows.map((r) => r.figures[0]!.table!.n)).toEqual([1, 2]);
    expect(text).toContain('I. Lĩnh vực lao động\n');
  });

  test("a table's part on the next page, without its header, takes the header of the part before", () => {
    const first = lines(['Chỉ tiêu', 'ĐVT', 'Thực hiện 2024'], ['Việc làm mới', 'người', '7.000']);
    const rest = lines(['Cai nghiện ma túy', 'người', '497']);
    const { text, rows } = layoutTables(`${first}\n\n${rest}`);
    expect(text).toContain('Cai nghiện ma túy: Thực hiện 2024: 497 người');
    expect(rows.map((r) => r.figures[0]!.table!.n)).toEqual([1, 1]);
  });

  test('a table of words only is left as it is', () => {
    const table = lines(['Đơn vị', 'Địa chỉ'], ['Sở Lao động', 'Phủ Lý']);
    expect(layoutTables(table)).toEqual({ text: table, rows: [] });
  });
});
