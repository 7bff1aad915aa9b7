import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { statementOf } from '../../src/answer/evaluate.js';
import { engineOver } from '../helpers.js';

/** Reports whose one sentence answers several parts of a question. */
const REPORTS: Record<string, string> = {
  'phu-tho-9t-2025.txt':
    'Sở Nội vụ tỉnh Phú Thọ: kết quả 9 tháng năm 2025\n\n' +
    'Trong 9 tháng năm 2025, tỉnh Phú Thọ đã chấp thuận hơn 2.200 vị trí công việc cho 879 lượt doanh nghiệp; cấp giấy phép cho 3.284 lao động; thu hồi 521 giấy phép lao động và từ chối hơn 400 hồ sơ.',
  'lai-chau-2020.txt':
    'Lai Châu: giảm nghèo giai đoạn 2016-2020\n\n' +
    '(Dân sinh) – Tỷ lệ hộ nghèo của Lai Châu giảm nhanh, bình quân 4,78%/năm, năm 2020 còn 16,33%, giảm 24,07% so với cuối năm 2015.\n\n' +
    'Theo đó, tỷ lệ hộ nghèo của Lai Châu giảm nhanh, bình quân 4,78%/năm, năm 2020 còn 16,33%, giảm 24,07% so với cuối năm 2015.',
  'ha-tinh-2024.txt':
    'Hà Tĩnh: kết quả công tác lao động năm 2024\n\n' +
    'Năm 2024, Trung tâm Dịch vụ việc làm tỉnh Hà Tĩnh tổ chức 101 phiên giao dịch việc làm thu hút hơn 20.455 lượt người lao động và 1.074 lượt doanh nghiệp tham gia.',
};

describe('a question of several parts gets one figure for each, none twice', () => {
  let engine: Engine;
  let close: () => void;

  beforeAll(async () => {
    ({ engine, close } = await engineOver(REPORTS));
  });
  afterAll(() => close());

  test.each([
    // The second part fits `521 giấy phép` better than the first does: the first keeps `3.284`.
    [
      '9 tháng năm 2025 Phú Thọ cấp giấy phép cho bao nhiêu lao động nước ngoài và thu hồi bao nhiêu giấy phép?',
      ['3.284', '521'],
    ],
    [
      'How many work permits did Phu Tho grant in the first nine months of 2025, and how many permits were revoked?',
      ['3.284', '521'],
    ],
    // A paragraph the page repeats holds each figure twice: both copies are one figure.
    [
      'Giai đoạn 2016-2020 tỷ lệ hộ nghèo Lai Châu giảm bình quân mỗi năm bao nhiêu, và giảm tổng cộng bao nhiêu so với cuối năm 2015?',
      ['4,78%', '24,07%'],
    ],
    ['How many job fairs did Ha Tinh organise in 2024, and how many businesses took part?', ['101', '1.074']],
    [
      'Năm 2024 Hà Tĩnh tổ chức bao nhiêu phiên giao dịch việc làm, thu hút bao nhiêu lượt người lao động?',
      ['101', '20.455'],
    ],
  ])('%s', async (question, figures) => {
    const answer = await engine.ask(question);
    const statement = statementOf(answer.answer_text);
    for (const figure of figures) expect(statement, answer.answer_text).toContain(figure);
  });
});
