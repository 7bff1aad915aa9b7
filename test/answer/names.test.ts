import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { askedNames } from '../../src/answer/answerName.js';
import { statementOf } from '../../src/answer/evaluate.js';
import type { Engine } from '../../src/answer/types.js';
import { engineOver } from '../helpers.js';

describe('what name a question asks for', () => {
  test.each([
    ['Ở Huế, việc đưa lao động nghèo đi làm việc ở nước ngoài thuộc dự án nào?', ['named:du an']],
    ['Trong tháng 5/2021 Hòa Bình ban hành kế hoạch gì về giảm nghèo?', ['named:ke hoach']],
    ['Lào Cai định nâng trường nào lên thành trường chất lượng cao, trong giai đoạn nào?', ['named:truong', 'period']],
    ['Lai Châu phấn đấu tới năm nào thì không còn hộ nghèo?', ['period']],
    ['Hưng Yên hoàn thành sớm mục tiêu của nghị quyết nào, sớm mấy năm?', ['named:nghi quyet', 'duration']],
    ['Which project of the poverty programme sends poor workers abroad?', ['named:du an']],
    // Numbers, not names: a year asked with its number, a count.
    ['Tỷ lệ hộ nghèo Hà Nam bao nhiêu năm 2023?', []],
    ['Năm 2024 Hà Tĩnh giải quyết việc làm cho bao nhiêu người?', []],
  ])('%s', (question, slots) => {
    expect(askedNames(question).map((s) => (s.kind === 'named' ? `named:${s.type}` : s.kind))).toEqual(slots);
  });
});

/** Sentences that name a programme, a plan, a school, a year, a resolution, each in another report. */
const REPORTS: Record<string, string> = {
  'hue-2024.txt':
    'Thừa Thiên Huế: lao động việc làm 7 tháng năm 2024\n\n' +
    'Trong Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025, Dự án 4 về phát triển giáo dục nghề nghiệp, việc làm bền vững hỗ trợ người lao động thuộc hộ nghèo đi làm việc ở nước ngoài theo hợp đồng.',
  'hoa-binh-2021-5t.txt':
    'Hòa Bình: kết quả 5 tháng năm 2021\n\n' +
    'Chỉ đạo các huyện thực hiện tốt công tác điều dưỡng người có công năm 2021. Ban hành kế hoạch thực hiện Chương trình giảm nghèo bền vững năm 2021 và chỉ đạo đẩy mạnh các mục tiêu giảm nghèo.',
  'lao-cai-2022.txt':
    'Lào Cai: lao động việc làm năm 2022\n\n' +
    'Trong giai đoạn 2023 - 2025, Lào Cai đặt mục tiêu xây dựng Trường Cao đẳng Lào Cai trở thành trường chất lượng cao trong khu vực phía Bắc.',
  'lai-chau-2020.txt':
    'Lai Châu: giảm nghèo giai đoạn 2016-2020\n\n' +
    'Giai đoạn 2016 – 2020, tỉnh Lai Châu có hơn 23 nghìn hộ thoát nghèo; mỗi năm tỉnh phấn đấu giảm từ 3-4% hộ nghèo. ' +
    'Đây là tiền đề để tỉnh phấn đấu đến hết năm 2025 không còn hộ nghèo.',
  'hung-yen-2024.txt':
    'Hưng Yên: giảm nghèo 2021-2024\n\n' +
    'Thành tích này giúp tỉnh hoàn thành sớm 2 năm mục tiêu Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, cũng như các nghị quyết của Tỉnh ủy về giảm nghèo.',
  'ha-giang-2023.txt':
    'Hà Giang: lao động việc làm năm 2023\n\n' +
    'Thực hiện hỗ trợ người lao động Hà Giang đi xuất khẩu lao động theo Nghị quyết số 27/2019/NQ-HĐND của HĐND tỉnh với kinh phí 1,884 tỷ đồng.',
};

describe('a question asking a name is answered by the words that name it', () => {
  let engine: Engine;
  let close: () => void;

  beforeAll(async () => {
    ({ engine, close } = await engineOver(REPORTS));
  });
  afterAll(() => close());

  test.each([
    [
      'Ở Huế, đưa lao động nghèo đi làm việc ở nước ngoài thuộc dự án nào của Chương trình giảm nghèo bền vững?',
      ['Dự án 4', '2021-2025'],
    ],
    [
      'Trong tháng 5/2021 Hòa Bình ban hành kế hoạch gì về giảm nghèo?',
      ['kế hoạch thực hiện Chương trình giảm nghèo bền vững năm 2021'],
    ],
    [
      'Lào Cai định nâng trường nào lên thành trường chất lượng cao, trong giai đoạn nào?',
      ['Trường Cao đẳng Lào Cai', '2023 - 2025'],
    ],
    // A goal is said to be one.
    ['Lai Châu phấn đấu tới năm nào thì không còn hộ nghèo?', ['2025', 'kế hoạch']],
    ['Hưng Yên hoàn thành sớm mục tiêu của nghị quyết nào, sớm mấy năm?', ['lần thứ XIX', '2 năm']],
    // A number asked in a clause of its own gets its figure beside the document.
    [
      'Hà Giang hỗ trợ người lao động đi XKLĐ theo nghị quyết nào, kinh phí năm 2023 bao nhiêu?',
      ['27/2019/NQ-HĐND', '1,884 tỷ đồng'],
    ],
  ])('%s', async (question, spans) => {
    const answer = await engine.ask(question);
    const statement = statementOf(answer.answer_text);
    for (const span of spans) expect(statement, answer.answer_text).toContain(span);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  test('a name no sentence gives is not answered with a number: the closest sentences are quoted', async () => {
    const answer = await engine.ask('Lai Châu giảm nghèo theo nghị định nào?');
    expect(answer.confidence.outcome).not.toBe('answer');
    expect(answer.figures).toHaveLength(0);
  });

  test('years compared (`năm nào … thấp nhất`) are not a name one sentence gives', () => {
    expect(askedNames('Năm nào Lai Châu có tỷ lệ hộ nghèo thấp nhất?')).toEqual([]);
  });

  test('the span named is quoted from the report with its citation', async () => {
    const answer = await engine.ask('Lào Cai định nâng trường nào lên thành trường chất lượng cao?');
    expect(answer.answer_text).toContain('«Trong giai đoạn 2023 - 2025, Lào Cai đặt mục tiêu xây dựng Trường Cao đẳng');
    expect(answer.citations[0]!.doc).toBe('lao-cai-2022.txt');
  });
});
